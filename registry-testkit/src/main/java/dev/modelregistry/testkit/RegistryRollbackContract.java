package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelNotFoundException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.NothingToRollBackException;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.StageTransition;
import dev.modelregistry.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * One-call rollback of PRODUCTION and of aliases, through the public API. Run by
 * {@link RegistryContract} as a nested group on every wiring.
 */
public abstract class RegistryRollbackContract {

    /** The registry under test. */
    protected abstract Registry registry();

    private ModelVersion register() {
        return registry().register("fraud").content("model.bin", ("w" + Math.random()).getBytes(StandardCharsets.UTF_8))
                .commit();
    }

    private ModelVersion promote(ModelVersion v) {
        return registry().transition(v, Stage.PRODUCTION, "release v" + v.version());
    }

    private int inProduction() {
        return registry().find("fraud", Stage.PRODUCTION).orElseThrow().version();
    }

    @Test
    void rollingBackPutsBackTheVersionBeforeAndRollingBackAgainGoesFurtherBack() {
        ModelVersion v1 = promote(register());
        ModelVersion v2 = promote(register());
        ModelVersion v3 = promote(register());

        ModelVersion back = registry().rollback("fraud", Stage.PRODUCTION, "v3 misbehaves");

        assertThat(back.version()).isEqualTo(2);
        assertThat(inProduction()).isEqualTo(2);
        assertThat(registry().version(v3.ref()).orElseThrow().stage()).isEqualTo(Stage.ARCHIVED);
        List<StageTransition> history = registry().history(v2.ref());
        assertThat(history.get(history.size() - 1)).satisfies(t -> {
            assertThat(t.from()).isEqualTo(Stage.ARCHIVED);
            assertThat(t.to()).isEqualTo(Stage.PRODUCTION);
            assertThat(t.comment()).isEqualTo("v3 misbehaves");
        });
        JournalEntry last = registry().journal().after(registry().journal().head() - 1, 1).get(0);
        assertThat(last.subject()).isEqualTo("fraud@2");
        assertThat(last.details()).contains("\"rollback\":true");

        assertThat(registry().rollback("fraud", Stage.PRODUCTION, "v2 too").version()).isEqualTo(v1.version());
        assertThat(inProduction()).isEqualTo(1);
        assertThatThrownBy(() -> registry().rollback("fraud", Stage.PRODUCTION, "nothing left"))
                .isInstanceOf(NothingToRollBackException.class).hasMessageContaining("fraud PRODUCTION");
        assertThat(inProduction()).isEqualTo(1);
    }

    @Test
    void aPromotionAfterARollbackIsRolledBackToTheVersionBeforeIt() {
        promote(register());
        promote(register());
        registry().rollback("fraud", Stage.PRODUCTION, "v2 misbehaves");
        promote(register());

        assertThat(registry().rollback("fraud", Stage.PRODUCTION, "v3 misbehaves").version()).isEqualTo(1);
    }

    @Test
    void whatCannotBeRolledBackIsRefusedAndChangesNothing() {
        ModelVersion v1 = register();
        long head = registry().journal().head();

        assertThatThrownBy(() -> registry().rollback("fraud", Stage.PRODUCTION, "none yet"))
                .isInstanceOf(NothingToRollBackException.class);
        assertThatThrownBy(() -> registry().rollback("fraud", Stage.STAGING, "not exclusive"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("STAGING"));
        assertThatThrownBy(() -> registry().rollback("nobody", Stage.PRODUCTION, "no model"))
                .isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry().rollbackAlias("fraud", "champion", "never set"))
                .isInstanceOf(NothingToRollBackException.class);
        registry().setAlias(v1.ref(), "champion");
        assertThatThrownBy(() -> registry().rollbackAlias("fraud", "champion", "only one"))
                .isInstanceOf(NothingToRollBackException.class);

        assertThat(registry().journal().head()).isEqualTo(head + 1);
    }

    @Test
    void anAliasRollsBackStepByStep() {
        ModelVersion v1 = register();
        ModelVersion v2 = register();
        ModelVersion v3 = register();
        registry().setAlias(v1.ref(), "champion");
        registry().setAlias(v2.ref(), "champion");
        registry().setAlias(v3.ref(), "champion");

        assertThat(registry().rollbackAlias("fraud", "champion", "v3 misbehaves").version()).isEqualTo(2);
        assertThat(registry().rollbackAlias("fraud", "champion", "v2 too").version()).isEqualTo(1);
        assertThat(registry().aliases("fraud")).containsEntry("champion", 1);
        assertThat(registry().modelChanges("fraud")).extracting(c -> c.oldValue() + ">" + c.newValue())
                .containsExactly("null>1", "1>2", "2>3", "3>2", "2>1");

        registry().removeAlias("fraud", "champion");
        assertThat(registry().rollbackAlias("fraud", "champion", "put it back").version()).isEqualTo(1);
    }

    @Test
    void aPromotionRacingARollbackLeavesExactlyOneVersionInProduction() throws Exception {
        for (int round = 0; round < 5; round++) {
            String model = "race-" + round;
            for (int i = 0; i < 3; i++) {
                ModelVersion v = registry().register(model).content("m", new byte[] {(byte) i}).commit();
                if (i < 2) {
                    registry().transition(v, Stage.PRODUCTION, "release");
                }
            }
            List<Callable<Integer>> tasks = new ArrayList<>();
            tasks.add(() -> registry().transition(new dev.modelregistry.VersionRef(model, 3), Stage.PRODUCTION,
                    "release").version());
            tasks.add(() -> registry().rollback(model, Stage.PRODUCTION, "race").version());

            List<Integer> outcomes = Concurrently.run(tasks);

            assertThat(registry().versions(model)).filteredOn(v -> v.stage().equals(Stage.PRODUCTION)).hasSize(1);
            int inProduction = registry().find(model, Stage.PRODUCTION).orElseThrow().version();
            // Either the rollback came first (v1 back, then v3 promoted) or second (v3 rolled back to v2).
            if (outcomes.get(1) == 1) {
                assertThat(inProduction).as("round %s", round).isEqualTo(3);
            } else {
                assertThat(outcomes.get(1)).as("round %s", round).isEqualTo(2);
                assertThat(inProduction).as("round %s", round).isEqualTo(2);
            }
        }
    }
}
