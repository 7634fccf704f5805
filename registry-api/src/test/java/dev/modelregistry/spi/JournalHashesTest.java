package dev.modelregistry.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JournalHashesTest {

    private static final String DOCUMENTED = "315d23da5e14e5c630490c2cfd4c05f5089716f5c1a2b070192287d70775ae1f";

    @Test
    void theDocumentedExampleHashesToTheDocumentedValue() throws Exception {
        String hash = JournalHashes.hash(1, Instant.ofEpochMilli(1764670530123L), "alice", "model.created", "fraud", 0,
                "r1", "{}", JournalHashes.GENESIS);

        assertThat(hash).isEqualTo(DOCUMENTED);
        Path doc = Path.of("..", "docs", "JOURNAL.md");
        assertThat(Files.readString(doc, StandardCharsets.UTF_8)).as("docs/JOURNAL.md states it").contains(DOCUMENTED);
    }

    @Test
    void everyOperationIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "JOURNAL.md"), StandardCharsets.UTF_8);
        for (var field : dev.modelregistry.journal.Operations.class.getFields()) {
            assertThat(doc).as(field.getName()).contains("| `" + field.get(null) + "` |");
        }
    }

    @Test
    void lengthPrefixesKeepFieldsApartWhateverTheyContain() {
        Instant at = Instant.ofEpochMilli(0);
        String a = JournalHashes.hash(1, at, "a\n1:b", "op", "m", 0, "r", "{}", JournalHashes.GENESIS);
        String b = JournalHashes.hash(1, at, "a", "1:b\nop", "m", 0, "r", "{}", JournalHashes.GENESIS);

        assertThat(a).isNotEqualTo(b).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void unicodeIsHashedAsUtf8() {
        Instant at = Instant.ofEpochMilli(0);
        assertThat(JournalHashes.hash(1, at, "ève", "op", "模型", 0, "r", "{\"k\":\"🚀\"}", JournalHashes.GENESIS))
                .isNotEqualTo(JournalHashes.hash(1, at, "eve", "op", "模型", 0, "r", "{\"k\":\"🚀\"}",
                        JournalHashes.GENESIS));
    }
}
