package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.Evaluation;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Limits;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.VersionNotFoundException;
import dev.modelregistry.VersionRef;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Evaluations, the evidence recorded on a version, through the public API. Run by
 * {@link RegistryContract} as a nested group on every wiring; {@link #registry()} acts as
 * {@code alice} at {@link #now()}.
 */
public abstract class RegistryEvaluationContract {

    /** The registry under test. */
    protected abstract Registry registry();

    /** The fixed time of the registry's clock. */
    protected abstract Instant now();

    private ModelVersion register() {
        return registry().register("fraud").content("model.bin", new byte[] {1, 2, 3}).metric("auc", 0.91).commit();
    }

    @Test
    void evaluationsAreAppendedInOrderWithWhoAndWhenAndJournaled() {
        ModelVersion v = register();
        long head = registry().journal().head();

        Evaluation first = registry().evaluate(v.ref(), "holdout-2026-11", Map.of("auc", 0.93, "log_loss", -0.2),
                true, "1,000 held-out rows");
        Evaluation second = registry().as("ci-bot").evaluate(v.ref(), "bias-check", Map.of(), false, "");

        assertThat(first).isEqualTo(new Evaluation(v.ref(), 1, "holdout-2026-11", Map.of("auc", 0.93, "log_loss", -0.2),
                true, "1,000 held-out rows", "alice", now()));
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.recordedBy()).isEqualTo("ci-bot");
        assertThat(registry().evaluations(v.ref())).containsExactly(first, second);
        assertThat(registry().version(v.ref()).orElseThrow().metrics()).isEqualTo(Map.of("auc", 0.91));
        List<JournalEntry> entries = registry().journal().after(head, 10);
        assertThat(entries).extracting(JournalEntry::operation)
                .containsExactly(Operations.VERSION_EVALUATED, Operations.VERSION_EVALUATED);
        assertThat(entries.get(0).subject()).isEqualTo("fraud@1");
        assertThat(entries.get(0).details()).isEqualTo("{\"name\":\"holdout-2026-11\",\"metrics\":{\"auc\":0.93,"
                + "\"log_loss\":-0.2},\"passed\":true,\"details\":\"1,000 held-out rows\"}");
    }

    @Test
    void badEvaluationsAreRefusedNamingTheValueAndRecordNothing() {
        ModelVersion v = register();
        long head = registry().journal().head();
        Map<String, Double> tooMany = new HashMap<>();
        IntStream.range(0, Limits.ENTRIES + 1).forEach(i -> tooMany.put("m" + i, 1.0));

        assertThatThrownBy(() -> registry().evaluate(v.ref(), "", Map.of(), true, ""))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> registry().evaluate(v.ref(), "bad\u0000name", Map.of(), true, ""))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> registry().evaluate(v.ref(), "holdout", Map.of("auc", Double.NaN), true, ""))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("NaN"));
        assertThatThrownBy(() -> registry().evaluate(v.ref(), "holdout", tooMany, true, ""))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> registry().evaluate(v.ref(), "holdout", Map.of(), true,
                "d".repeat(Limits.DESCRIPTION_LENGTH + 1))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> registry().evaluate(new VersionRef("fraud", 9), "holdout", Map.of(), true, ""))
                .isInstanceOf(VersionNotFoundException.class);
        assertThatThrownBy(() -> registry().evaluations(new VersionRef("fraud", 9)))
                .isInstanceOf(VersionNotFoundException.class);

        assertThat(registry().evaluations(v.ref())).isEmpty();
        assertThat(registry().journal().head()).isEqualTo(head);
    }

    @Test
    void aNegativeZeroIsRecordedAsZeroOnEveryBackend() {
        ModelVersion v = registry().register("signed").content("m.bin", new byte[] {1}).metric("delta", -0.0).commit();
        Evaluation e = registry().evaluate(v.ref(), "holdout", Map.of("delta", -0.0), true, "");

        assertThat(registry().version(v.ref()).orElseThrow().metrics().get("delta")).isEqualTo(0.0);
        assertThat(e.metrics().get("delta")).isEqualTo(0.0);
        assertThat(registry().evaluations(v.ref())).extracting(x -> x.metrics().get("delta")).containsExactly(0.0);
    }

    @Test
    void evaluationsRecordedAtOnceAllGetTheirOwnSequence() throws Exception {
        ModelVersion v = register();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String name = "run-" + t;
            tasks.add(() -> registry().evaluate(v.ref(), name, Map.of("score", 1.0), true, "").sequence());
        }

        List<Integer> sequences = Concurrently.run(tasks);

        assertThat(sequences).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        List<Evaluation> all = registry().evaluations(v.ref());
        assertThat(all).extracting(Evaluation::sequence).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(all).extracting(Evaluation::name).doesNotHaveDuplicates().hasSize(8);
    }
}
