package dev.modelregistry.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A source file's channel that counts how far it has been read into a progress counter, and
 * otherwise does exactly what the channel does: {@code transferTo} and {@code map} reach the real
 * channel, so an artifact store still copies inside the kernel. What is counted is the furthest
 * offset read (by reads and transfers), so a store that reads a file twice (to hash it, then to
 * copy it) is not seen going past its size. Used only when a progress listener was given.
 */
final class CountingChannel extends FileChannel {

    private final FileChannel channel;
    private final ProgressTracker.Counter counter;

    CountingChannel(FileChannel channel, ProgressTracker.Counter counter) {
        this.channel = channel;
        this.counter = counter;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = channel.read(dst);
        if (n > 0) {
            counter.reached(channel.position());
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long n = channel.read(dsts, offset, length);
        if (n > 0) {
            counter.reached(channel.position());
        }
        return n;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int n = channel.read(dst, position);
        if (n > 0) {
            counter.reached(position + n);
        }
        return n;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        long n = channel.transferTo(position, count, target);
        if (n > 0) {
            counter.reached(position + n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return channel.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return channel.write(src, position);
    }

    @Override
    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        channel.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        channel.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        channel.force(metaData);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return channel.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return channel.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return channel.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return channel.tryLock(position, size, shared);
    }

    /** Closes the real channel too; the registry closes that one itself as well. */
    @Override
    protected void implCloseChannel() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
