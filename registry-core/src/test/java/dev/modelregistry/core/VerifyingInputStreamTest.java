package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.IntegrityException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {

    private static final byte[] CONTENT = "model weights".getBytes(StandardCharsets.UTF_8);

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static InputStream verifying(byte[] stored) throws Exception {
        return new VerifyingInputStream(new ByteArrayInputStream(stored), sha256(CONTENT), CONTENT.length, "m v1 f");
    }

    @Test
    void passesIntactBytesThrough() throws Exception {
        try (InputStream in = verifying(CONTENT)) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void throwsAtEndOfStreamWhenAByteWasFlipped() throws Exception {
        byte[] flipped = CONTENT.clone();
        flipped[3] ^= 1;
        InputStream in = verifying(flipped);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("SHA-256 mismatch").hasMessageContaining("m v1 f");
    }

    @Test
    void throwsWhenTheStoredBytesAreTruncatedOrLonger() throws Exception {
        byte[] shorter = java.util.Arrays.copyOf(CONTENT, CONTENT.length - 1);
        byte[] longer = java.util.Arrays.copyOf(CONTENT, CONTENT.length + 1);

        assertThatThrownBy(verifying(shorter)::readAllBytes).isInstanceOf(IntegrityException.class).hasMessageContaining("bytes");
        assertThatThrownBy(verifying(longer)::readAllBytes).isInstanceOf(IntegrityException.class).hasMessageContaining("longer");
    }

    @Test
    void skippedBytesAreStillVerified() throws Exception {
        byte[] flipped = CONTENT.clone();
        flipped[0] ^= 1;
        InputStream in = verifying(flipped);

        assertThat(in.skip(5)).isEqualTo(5);
        assertThat(in.read(new byte[100])).isEqualTo(CONTENT.length - 5);
        assertThatThrownBy(in::read).isInstanceOf(IntegrityException.class);
    }

    @Test
    void singleByteReadsVerifyToo() throws Exception {
        byte[] flipped = CONTENT.clone();
        flipped[CONTENT.length - 1] ^= 1;
        InputStream in = verifying(flipped);
        for (int i = 0; i < CONTENT.length; i++) {
            in.read();
        }
        assertThatThrownBy(in::read).isInstanceOf(IntegrityException.class);
    }

    /** Content of at least 4 MiB is hashed on another thread; the guarantees are the same. */
    @Nested
    class LargeContent {

        private final byte[] content = randomBytes(9 * 1024 * 1024 + 123);

        private InputStream verifying(byte[] stored) throws Exception {
            return new VerifyingInputStream(new ByteArrayInputStream(stored), sha256(content), content.length, "m v1 big");
        }

        @Test
        void passesIntactBytesThroughInSmallAndLargeReads() throws Exception {
            for (int size : new int[] {1, 8192, 3 * 1024 * 1024}) {
                try (InputStream in = verifying(content)) {
                    assertThat(readFully(in, size)).as("reads of %d bytes", size).isEqualTo(content);
                    assertThat(in.read()).isEqualTo(-1);
                }
            }
        }

        @Test
        void returnsEveryByteThenThrowsInsteadOfEndOfStreamWhenAByteInTheMiddleWasFlipped() throws Exception {
            byte[] flipped = content.clone();
            flipped[content.length / 2] ^= 1;
            InputStream in = verifying(flipped);
            byte[] buffer = new byte[8192];
            long read = 0;

            Throwable thrown = null;
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    read += n;
                }
            } catch (IntegrityException e) {
                thrown = e;
            }

            assertThat(read).isEqualTo(content.length);
            assertThat(thrown).isInstanceOf(IntegrityException.class).hasMessageContaining("SHA-256 mismatch");
            assertThatThrownBy(in::read).isInstanceOf(IntegrityException.class);
        }

        @Test
        void throwsWhenTheStoredBytesAreTruncatedOrLonger() throws Exception {
            byte[] shorter = Arrays.copyOf(content, content.length - 1);
            byte[] longer = Arrays.copyOf(content, content.length + 1);

            assertThatThrownBy(verifying(shorter)::readAllBytes).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("bytes");
            assertThatThrownBy(verifying(longer)::readAllBytes).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("longer");
        }

        @Test
        void aReaderMayStopEarlyAndClose() throws Exception {
            try (InputStream in = verifying(content)) {
                assertThat(in.readNBytes(5 * 1024 * 1024)).isEqualTo(Arrays.copyOf(content, 5 * 1024 * 1024));
            }
        }

        @Test
        void manyStreamsVerifyAtOnce() throws Exception {
            ExecutorService readers = Executors.newFixedThreadPool(4);
            try {
                List<Future<byte[]>> reads = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    reads.add(readers.submit(() -> {
                        try (InputStream in = verifying(content)) {
                            return readFully(in, 65536);
                        }
                    }));
                }
                for (Future<byte[]> read : reads) {
                    assertThat(read.get()).isEqualTo(content);
                }
            } finally {
                readers.shutdownNow();
            }
        }

        private byte[] readFully(InputStream in, int readSize) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[readSize];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(7).nextBytes(bytes);
        return bytes;
    }
}
