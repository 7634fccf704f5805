package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.IntegrityException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
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
}
