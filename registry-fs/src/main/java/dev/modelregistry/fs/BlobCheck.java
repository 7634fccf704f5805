package dev.modelregistry.fs;

import static java.nio.file.StandardOpenOption.READ;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Tells whether a stored blob still holds the bytes of the content being stored again. A put that
 * finds its digest already stored must not trust the stored copy blindly: a blob damaged on disk
 * would otherwise be acknowledged as a version's file and then fail every verified read. Comparing
 * bytes costs one read of the stored copy at memory-compare speed (about a third of hashing it),
 * and the content itself is known to have the digest, so equal bytes mean an intact blob.
 */
final class BlobCheck {

    private static final long CHUNK = 64L * 1024 * 1024;

    private BlobCheck() {
    }

    /** Whether {@code blob} holds exactly the {@code size} bytes of {@code content}, read from offset 0. */
    static boolean holds(Path blob, FileChannel content, long size) throws IOException {
        try (FileChannel stored = FileChannel.open(blob, READ)) {
            if (stored.size() != size || content.size() != size) {
                return false;
            }
            // Mapped, both files are compared where the page cache holds them, without copying
            // (a third of the time of reading them into buffers).
            for (long offset = 0; offset < size; offset += CHUNK) {
                long n = Math.min(CHUNK, size - offset);
                if (content.map(MapMode.READ_ONLY, offset, n).mismatch(stored.map(MapMode.READ_ONLY, offset, n)) >= 0) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (InternalError e) {
            // a mapped file truncated while it is compared faults (SIGBUS); it no longer holds the content
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
            while (actual.hasRemaining() && stored.read(actual, actual.position()) >= 0) {
                // positional reads until the buffer is full (or the file ended early)
            }
            return content.duplicate().mismatch(actual.flip()) < 0;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
