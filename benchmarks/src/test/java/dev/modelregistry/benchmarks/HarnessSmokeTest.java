package dev.modelregistry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the harness from rotting between benchmark runs; a second or two, no reference tools, no timing claims. */
class HarnessSmokeTest {

    @TempDir
    Path dir;

    @Test
    void sizesParseInBinaryUnits() {
        assertThat(BenchOptions.size("1g")).isEqualTo(1L << 30);
        assertThat(BenchOptions.size("64m")).isEqualTo(64L << 20);
        assertThat(BenchOptions.size("512")).isEqualTo(512);
        assertThat(BenchOptions.human(2L << 30)).isEqualTo("2 GiB");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        Samples samples = new Samples();
        for (long v : new long[] {4, 1, 3, 2}) {
            samples.add(v);
        }
        assertThat(samples.median()).isEqualTo(2.5);
    }

    @Test
    void aRegistryRunRegistersAndProvesThatIdenticalContentAddsNothing() throws Exception {
        Dataset data = Dataset.directory(dir.resolve("model"), 3 * 256 * 1024, 3, 1);
        Path out = java.nio.file.Files.createDirectories(dir.resolve("out"));

        RegistryRun.Result result = RegistryRun.run(data, out);

        assertThat(result.identical().addedBytes()).isZero();
        assertThat(result.identical().addedFiles()).isZero();
        assertThat(result.oneChanged().addedBytes()).isEqualTo(256 * 1024);
    }

    @Test
    void tablesAreMarkdown() {
        assertThat(new MarkdownTable("a", "b").row("1", "x|y").toString()).isEqualTo("| a | b |\n|---|---|\n| 1 | x\\|y |\n");
    }
}
