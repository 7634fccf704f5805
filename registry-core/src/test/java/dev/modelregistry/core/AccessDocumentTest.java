package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.testkit.AccessMatrix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/ACCESS.md shows the permission matrix exactly as {@link AccessMatrix} holds it, which the contract runs. */
class AccessDocumentTest {

    @Test
    void thePageShowsThePermissionMatrixTheContractRuns() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "ACCESS.md"), StandardCharsets.UTF_8);
        String begin = "<!-- matrix:begin -->\n";
        int from = doc.indexOf(begin) + begin.length();
        int to = doc.indexOf("<!-- matrix:end -->");

        assertThat(from).isGreaterThan(begin.length() - 1);
        assertThat(doc.substring(from, to)).isEqualTo(AccessMatrix.markdown());
    }
}
