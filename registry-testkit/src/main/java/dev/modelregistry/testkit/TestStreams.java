package dev.modelregistry.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Content streams that misbehave the ways real sources do, for the contract suites. */
final class TestStreams {

    private TestStreams() {
    }

    /** Delivers at most {@code chunk} bytes per read, as a slow network stream does. */
    static final class TricklingStream extends ByteArrayInputStream {
        private final int chunk;

        TricklingStream(byte[] content, int chunk) {
            super(content);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }

    static final class CloseTrackingStream extends ByteArrayInputStream {
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
    static final class FailingStream extends InputStream {
        private final ByteArrayInputStream head;
        private final Exception failure;

        FailingStream(byte[] content, int failAt, Exception failure) {
            this.head = new ByteArrayInputStream(content, 0, failAt);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = head.read(b, off, len);
            if (n > 0) {
                return n;
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) failure;
        }
    }

    /** Delivers {@code pauseAt} bytes, signals {@code paused}, waits for {@code resume}, then the rest. */
    static final class PausingStream extends ByteArrayInputStream {
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
        public synchronized int read(byte[] b, int off, int len) {
            if (pos == pauseAt && paused.getCount() > 0) {
                paused.countDown();
                try {
                    resume.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int limit = pos < pauseAt ? Math.min(len, pauseAt - pos) : len;
            return super.read(b, off, limit);
        }
    }
}
