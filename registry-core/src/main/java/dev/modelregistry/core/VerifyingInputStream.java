package dev.modelregistry.core;

import dev.modelregistry.IntegrityException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes bytes as the caller reads them and, when the underlying stream ends, checks size and
 * SHA-256 against the expected values before reporting end of stream. Bad bytes are therefore
 * never passed off as a complete, good file: a reader that reads to the end sees the exception.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final MessageDigest digest = Digests.sha256();
    private final String expectedSha256;
    private final long expectedSize;
    private final String what;
    private long seen;
    private boolean verified;

    VerifyingInputStream(InputStream in, String expectedSha256, long expectedSize, String what) {
        super(in);
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            digest.update((byte) b);
            seen++;
            checkNotTooLong();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            verify();
        } else {
            digest.update(buffer, offset, n);
            seen += n;
            checkNotTooLong();
        }
        return n;
    }

    /** Skipping would bypass the hash, so skipped bytes are read and hashed. */
    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: resetting would make the hash wrong
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void checkNotTooLong() {
        if (seen > expectedSize) {
            throw new IntegrityException(what + ": stored blob is longer than the recorded " + expectedSize + " bytes");
        }
    }

    private void verify() {
        if (verified) {
            return;
        }
        if (seen != expectedSize) {
            throw new IntegrityException(what + ": stored blob has " + seen + " bytes, expected " + expectedSize);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expectedSha256)) {
            throw new IntegrityException(what + ": SHA-256 mismatch, stored bytes hash to " + actual
                    + ", expected " + expectedSha256);
        }
        verified = true;
    }
}
