package dev.modelregistry.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.spi.StoredBlob;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs on one root, and a writer killed with SIGKILL: for real, not simulated. */
class FileSystemArtifactStoreProcessTest {

    private static final int SIZE = 8 * 1024 * 1024;

    @TempDir
    Path root;

    @Test
    void sameContentFromFourProcessesIsStoredOnceAndIntact() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(start("put"));
        }
        String expected = sha256(PutProcess.content(SIZE, 42));

        List<String> digests = new ArrayList<>();
        for (Process process : processes) {
            String line = firstLine(process);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("exit value, output %s", line).isZero();
            digests.add(line.split(" ")[0]);
        }

        assertThat(digests).containsOnly(expected);
        try (FileSystemArtifactStore store = FileSystemArtifactStore.at(root);
             Stream<String> listed = store.list();
             InputStream in = store.open(expected).orElseThrow()) {
            assertThat(listed).containsExactly(expected);
            assertThat(in.readAllBytes()).isEqualTo(PutProcess.content(SIZE, 42));
        }
        assertThat(filesUnder("tmp")).isEmpty();
    }

    @Test
    void aWriterKilledMidwayLeavesNoBlobAndTheContentCanBeStoredAfterwards() throws Exception {
        Process writer = start("hang");
        assertThat(firstLine(writer)).isEqualTo("PAUSED");
        assertThat(filesUnder("tmp")).as("the writer's temp file").hasSize(1);

        writer.destroyForcibly(); // SIGKILL where the platform has it: no finally block runs
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();

        byte[] content = PutProcess.content(SIZE, 42);
        try (FileSystemArtifactStore store = FileSystemArtifactStore.at(root)) {
            assertThat(filesUnder("sha256")).isEmpty();
            assertThat(store.exists(sha256(content))).isFalse();
            // The leftover is fresh, so it might be a live writer's: it stays until it is a day old.
            assertThat(filesUnder("tmp")).hasSize(1);

            StoredBlob blob = store.put(new ByteArrayInputStream(content));
            assertThat(blob.written()).isTrue();
            try (InputStream in = store.open(blob.sha256()).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
    }

    private Process start(String mode) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PutProcess.class.getName(),
                root.toString(), Integer.toString(SIZE), "42", mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static String firstLine(Process process) throws IOException {
        InputStreamReader reader = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(reader);
        return String.valueOf(out.readLine());
    }

    private List<Path> filesUnder(String dir) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(dir))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
