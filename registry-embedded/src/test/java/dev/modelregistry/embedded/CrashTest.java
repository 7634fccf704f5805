package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM registers and promotes versions in a loop and is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) at random moments. After each kill, every version the child
 * reported as committed is present and verifies, and at most one version is in production.
 */
class CrashTest {

    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRegistrationSurvivesKillMinusNine() throws Exception {
        Random random = new Random();
        Map<Integer, String> committed = new ConcurrentHashMap<>();
        List<Integer> promoted = new CopyOnWriteArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            int before = committed.size();
            Process child = startWriter();
            Thread reader = readAcknowledgements(child, committed, promoted);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int target = before + 3 + random.nextInt(25);
            while (committed.size() < target && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(random.nextInt(5));
            }
            assertThat(child.isAlive()).as("writer is still running when killed").isTrue();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            assertThat(committed.size()).as("writer made progress before kill " + kill).isGreaterThan(before);

            checkEverythingAcknowledgedIsThere(committed, promoted);
        }
    }

    private void checkEverythingAcknowledgedIsThere(Map<Integer, String> committed, List<Integer> promoted)
            throws Exception {
        try (Registry registry = EmbeddedRegistry.open(dir)) {
            for (Map.Entry<Integer, String> e : committed.entrySet()) {
                ModelVersion v = registry.version("crash-model", e.getKey()).orElseThrow(
                        () -> new AssertionError("acknowledged version " + e.getKey() + " is missing"));
                assertThat(v.digest()).isEqualTo(e.getValue());
            }
            // No half-visible version: every version present, acknowledged or not, reads and verifies.
            List<ModelVersion> all = registry.versions("crash-model");
            for (ModelVersion v : all) {
                for (var file : v.files()) {
                    try (InputStream in = registry.open(v, file.path())) {
                        assertThat(in.readAllBytes()).hasSize((int) file.size());
                    }
                }
            }
            List<ModelVersion> inProduction = all.stream().filter(v -> v.stage().equals(Stage.PRODUCTION)).toList();
            assertThat(inProduction).hasSizeLessThanOrEqualTo(1);
            if (!promoted.isEmpty()) {
                assertThat(inProduction).hasSize(1);
                int lastAcknowledged = promoted.stream().mapToInt(Integer::intValue).max().orElseThrow();
                assertThat(inProduction.get(0).version()).isGreaterThanOrEqualTo(lastAcknowledged);
            }
        }
    }

    private Process startWriter() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString())
                .redirectError(new File(dir.toFile(), "writer.err"))
                .start();
    }

    private static Thread readAcknowledgements(Process child, Map<Integer, String> committed, List<Integer> promoted) {
        Thread t = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    String[] parts = line.split(" ");
                    if (parts[0].equals("COMMITTED") && parts.length == 3 && parts[2].length() == 64) {
                        committed.put(Integer.parseInt(parts[1]), parts[2]);
                    } else if (parts[0].equals("PROMOTED") && parts.length == 2) {
                        promoted.add(Integer.parseInt(parts[1]));
                    }
                }
            } catch (Exception ignored) {
                // the child was killed mid-line; what was read is what was acknowledged
            }
        }, "writer-output");
        t.start();
        return t;
    }
}
