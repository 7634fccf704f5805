package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTourTest {

    @TempDir
    Path work;

    @Test
    void theBarIsRedrawnInPlaceWhileRegisteringAndCopyingAndEndsFullOnBothLines() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        long size = 24L * 1024 * 1024 + 5;

        ProgressTour.Output out = ProgressTour.run(work, size, new PrintStream(console, true, StandardCharsets.UTF_8));

        String printed = console.toString(StandardCharsets.UTF_8);
        String[] lines = printed.split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("\rregister [").contains("model.safetensors");
        assertThat(lastDrawing(lines[0])).startsWith("\rregister [" + "#".repeat(30) + "] 100%  24/24 MiB")
                .contains("1 files done");
        assertThat(lastDrawing(lines[1])).startsWith("\rcopy     [" + "#".repeat(30) + "] 100%  24/24 MiB");
        assertThat(out.reports()).as("first, final and last report of each operation at least").isGreaterThanOrEqualTo(6);
        assertThat(out.registered().size()).isEqualTo(size);
        assertThat(Files.size(out.copied())).isEqualTo(size);
        assertThat(Files.mismatch(out.copied(), work.resolve("build/model.safetensors"))).isEqualTo(-1);
    }

    private static String lastDrawing(String line) {
        return line.substring(line.lastIndexOf('\r'));
    }
}
