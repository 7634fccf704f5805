package dev.modelregistry.core;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read from a registration's stream into a progress counter. Used only when a
 * progress listener was given. Closing it does not close the stream, which is the caller's.
 */
final class CountingInputStream extends FilterInputStream {

    private final ProgressTracker.Counter counter;

    CountingInputStream(InputStream in, ProgressTracker.Counter counter) {
        super(in);
        this.counter = counter;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counter.add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            counter.add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        if (skipped > 0) {
            counter.add(skipped);
        }
        return skipped;
    }

    /** No mark: bytes read again after a reset would be counted twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    @Override
    public void close() {
    }
}
