package dev.modelregistry.fs;

import static java.nio.file.StandardOpenOption.READ;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Tells whether a stored blob still holds the bytes of the content being stored again. A put that
 * finds its digest already stored must not trust the stored copy blindly: a blob damaged on disk
 * would otherwise be acknowledged as a version's file and then fail every verified read. Comparing
 * bytes costs one read of the stored copy (at memory-compare speed, far cheaper than hashing it),
 * and the content itself is known to have the digest, so equal bytes mean an intact blob.
 */
final class BlobCheck {

    private static final int CHUNK = 1024 * 1024;

    private BlobCheck() {
    }

    /** Whether {@code blob} holds exactly the {@code size} bytes of {@code content}, read from offset 0. */
    static boolean holds(Path blob, FileChannel content, long size) throws IOException {
        try (FileChannel stored = FileChannel.open(blob, READ)) {
            if (stored.size() != size || content.size() != size) {
                return false;
            }
            ByteBuffer expected = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(size, 1)));
            ByteBuffer actual = ByteBuffer.allocate(expected.capacity());
            for (long offset = 0; offset < size; offset += expected.limit()) {
                fill(content, expected.clear(), offset, size);
                fill(stored, actual.clear(), offset, size);
                if (expected.flip().mismatch(actual.flip()) >= 0) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Whether {@code blob} holds exactly the bytes in {@code content} (a small file's whole content). */
    static boolean holds(Path blob, ByteBuffer content) throws IOException {
        try (FileChannel stored = FileChannel.open(blob, READ)) {
            if (stored.size() != content.remaining()) {
                return false;
            }
            ByteBuffer actual = ByteBuffer.allocate(content.remaining());
            fill(stored, actual, 0, content.remaining());
            return content.duplicate().mismatch(actual.flip()) < 0;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Fills {@code buffer} from {@code offset} with as many bytes as it holds or remain before {@code size}. */
    private static void fill(FileChannel channel, ByteBuffer buffer, long offset, long size) throws IOException {
        buffer.limit((int) Math.min(buffer.capacity(), size - offset));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                // shorter than its size said: the caller's mismatch check sees the missing bytes
                buffer.limit(buffer.position());
                return;
            }
        }
    }
}
