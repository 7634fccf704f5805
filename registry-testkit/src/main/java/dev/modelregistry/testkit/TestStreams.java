package dev.modelregistry.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Content streams that behave the ways real sources do, for the contract suites. */
final class TestStreams {

    private TestStreams() {
    }

    /**
     * A stream over bytes whose every read, bulk ones included, goes through
     * {@link #read(byte[], int, int)}; {@link java.io.ByteArrayInputStream} is no base for these,
     * as its {@code readAllBytes} and {@code transferTo} bypass an overridden {@code read}.
     */
    static class ContentStream extends InputStream {
        final byte[] content;
        int pos;

        ContentStream(byte[] content) {
            this.content = content;
        }

        /** How many of the {@code len} bytes asked for the next read delivers, given bytes remain. */
        int limit(int len) {
            return len;
        }

        /** What a read at the end of the content does. */
        int atEnd() throws IOException {
            return -1;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (pos == content.length) {
                return atEnd();
            }
            int n = Math.min(limit(len), content.length - pos);
            System.arraycopy(content, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public synchronized int available() {
            return content.length - pos;
        }
    }

    /** Delivers at most {@code chunk} bytes per read, as a slow network stream does. */
    static final class TricklingStream extends ContentStream {
        private final int chunk;

        TricklingStream(byte[] content, int chunk) {
            super(content);
            this.chunk = chunk;
        }

        @Override
        int limit(int len) {
            return Math.min(len, chunk);
        }
    }

    static final class CloseTrackingStream extends ContentStream {
        volatile boolean closed;

        CloseTrackingStream(byte[] content) {
            super(content);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Delivers the first {@code failAt} bytes of {@code content}, then throws {@code failure}. */
    static final class FailingStream extends ContentStream {
        private final Exception failure;

        FailingStream(byte[] content, int failAt, Exception failure) {
            super(Arrays.copyOf(content, failAt));
            this.failure = failure;
        }

        @Override
        int atEnd() throws IOException {
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) failure;
        }
    }

    /** Delivers {@code pauseAt} bytes, counts down {@code paused}, waits for {@code resume}, then the rest. */
    static final class PausingStream extends ContentStream {
        private final int pauseAt;
        private final CountDownLatch paused;
        private final CountDownLatch resume;

        PausingStream(byte[] content, int pauseAt, CountDownLatch paused, CountDownLatch resume) {
            super(content);
            this.pauseAt = pauseAt;
            this.paused = paused;
            this.resume = resume;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // Not under the lock: the test thread must be free to look at the store meanwhile.
            if (paused.getCount() > 0 && available() == content.length - pauseAt) {
                paused.countDown();
                try {
                    resume.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while paused", e);
                }
            }
            return super.read(b, off, len);
        }

        @Override
        synchronized int limit(int len) {
            return pos < pauseAt ? Math.min(len, pauseAt - pos) : len;
        }
    }
}
