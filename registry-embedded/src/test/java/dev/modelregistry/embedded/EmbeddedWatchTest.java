package dev.modelregistry.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.serving.ModelUpdate;
import dev.modelregistry.serving.Watch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving process watches {@code model@PRODUCTION} on the embedded default while deployment jobs
 * in other JVMs ({@link DeployChild}) promote, roll back and empty the stage: the watch sees each
 * change, with a complete copy of the version's files. Waits are generous; they bound a hang.
 */
class EmbeddedWatchTest {

    private static final String MODEL = "fraud-detector";

    /** Kept after a failure: the children's output says what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final List<Child> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Child child : children) {
            child.killIfAlive();
        }
    }

    @Test
    void aWatchSeesPromotionsRollbacksAndAnEmptiedStageCommittedByOtherProcesses() throws Exception {
        Backend backend = Backend.embedded(dir.resolve("registry"));
        BlockingQueue<ModelUpdate> updates = new LinkedBlockingQueue<>();
        List<String> incomplete = new ArrayList<>();
        try (Registry registry = backend.open("server")) {
            ModelVersion v1 = registry.register(MODEL).content("model.bin", "weights one".getBytes(UTF_8))
                    .content("meta/card.md", "# v1".getBytes(UTF_8)).commit();
            registry.register(MODEL).content("model.bin", "weights two".getBytes(UTF_8))
                    .content("meta/card.md", "# v2".getBytes(UTF_8)).commit();
            registry.transition(v1, Stage.PRODUCTION, "first release");

            try (Watch watch = registry.watch(MODEL + "@PRODUCTION", dir.resolve("serving"), update -> {
                // What the listener finds when it is called: every file, with its bytes.
                update.version().ifPresent(v -> v.files().forEach(f -> {
                    Path file = update.directory().orElseThrow().resolve(f.path());
                    try {
                        if (Files.size(file) != f.size()) {
                            incomplete.add(file.toString());
                        }
                    } catch (java.io.IOException e) {
                        incomplete.add(file + ": " + e);
                    }
                }));
                updates.add(update);
            })) {
                ModelUpdate first = next(updates);
                assertThat(first.version()).map(ModelVersion::version).contains(1);
                assertThat(Files.readString(first.directory().orElseThrow().resolve("model.bin")))
                        .isEqualTo("weights one");

                run("promote", MODEL, "2");
                ModelUpdate promoted = next(updates);
                assertThat(promoted.version()).map(ModelVersion::version).contains(2);
                assertThat(Files.readString(promoted.directory().orElseThrow().resolve("model.bin")))
                        .isEqualTo("weights two");

                run("rollback", MODEL);
                ModelUpdate rolledBack = next(updates);
                assertThat(rolledBack.version()).map(ModelVersion::version).contains(1);

                run("archive", MODEL, "1");
                ModelUpdate emptied = next(updates);
                assertThat(emptied.version()).isEmpty();
                assertThat(emptied.directory()).isEmpty();
                assertThat(watch.current()).contains(emptied);
                assertThat(emptied.sequence()).isEqualTo(registry.journal().head());

                assertThat(incomplete).isEmpty();
                assertThat(updates).isEmpty();
                // Every copy was deleted once the listener had moved on from it.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Child.PATIENCE_SECONDS);
                while (!listing(dir.resolve("serving")).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(listing(dir.resolve("serving"))).isEmpty();
            }
        }
    }

    /** Runs one {@link DeployChild} to its end. */
    private void run(String... args) throws Exception {
        Child child = Child.start(DeployChild.class, "deploy-" + children.size(), Backend.embedded(dir.resolve("registry")),
                dir.resolve("logs"), args);
        children.add(child);
        child.awaitSuccess();
    }

    private static ModelUpdate next(BlockingQueue<ModelUpdate> updates) throws InterruptedException {
        ModelUpdate update = updates.poll(Child.PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(update).as("an update within %d s", Child.PATIENCE_SECONDS).isNotNull();
        return update;
    }

    private static List<Path> listing(Path dir) throws java.io.IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }
}
