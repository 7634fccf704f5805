package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.NothingToRollBackException;
import dev.modelregistry.PromotionRequest;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.StageTransition;
import dev.modelregistry.VersionRef;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of governance operations (registrations, moves, aliases, rollbacks,
 * evaluations, requests and votes), from fixed seeds, with the registry's invariants checked
 * after every step: at most one version per model in each exclusive stage, every alias on an existing
 * version, every version's stage where its history says, version numbers without gaps, and the
 * journal a gapless, intact chain. Run by {@link RegistryContract} on every wiring; a failure
 * names the seed and the step, so that it can be replayed.
 */
public abstract class RegistryInvariantsContract {

    private static final String[] MODELS = {"a", "b", "team/c"};
    private static final String[] ALIASES = {"champion", "challenger"};
    private static final String[] PRINCIPALS = {"ann", "ben", "cid"};

    /** The registry under test, with any lifecycle that has an exclusive stage, and no gates. */
    protected abstract Registry registry();

    /** Steps per seed; a backend on a server may ask for fewer. */
    protected int steps() {
        return 120;
    }

    @Test
    void invariantsHoldAfterEveryStepOfRandomOperationSequences() {
        for (long seed : new long[] {1, 2, 3}) {
            Random random = new Random(seed);
            String prefix = "s" + seed + "-";
            for (int step = 0; step < steps(); step++) {
                String what = step(random, prefix);
                String where = "seed " + seed + ", step " + step + " (" + what + ")";
                for (String m : MODELS) {
                    checkModel(prefix + m, where);
                }
            }
        }
        checkJournal();
    }

    private String step(Random random, String prefix) {
        String model = prefix + MODELS[random.nextInt(MODELS.length)];
        Registry as = registry().as(PRINCIPALS[random.nextInt(PRINCIPALS.length)]);
        List<ModelVersion> versions = registry().versions(model);
        int op = versions.isEmpty() ? 0 : random.nextInt(9);
        List<Stage> stages = registry().lifecycle().stages();
        Stage exclusive = exclusive();
        ModelVersion some = versions.isEmpty() ? null : versions.get(random.nextInt(versions.size()));
        try {
            switch (op) {
                case 0 -> as.register(model).content("f", new byte[] {(byte) random.nextInt()}).commit();
                case 1, 2 -> as.transition(some, stages.get(random.nextInt(stages.size())), "random");
                case 3 -> as.setAlias(some.ref(), ALIASES[random.nextInt(ALIASES.length)]);
                case 4 -> as.removeAlias(model, ALIASES[random.nextInt(ALIASES.length)]);
                case 5 -> as.rollback(model, exclusive, "random rollback");
                case 6 -> as.rollbackAlias(model, ALIASES[random.nextInt(ALIASES.length)], "random rollback");
                case 7 -> as.evaluate(some.ref(), "holdout", Map.of("auc", random.nextDouble()), random.nextBoolean(), "");
                default -> {
                    List<PromotionRequest> pending = registry().pendingRequests(model);
                    if (pending.isEmpty()) {
                        as.requestPromotion(some.ref(), exclusive, "random request");
                    } else if (random.nextBoolean()) {
                        as.approve(model, pending.get(0).id(), "");
                    } else {
                        as.reject(model, pending.get(0).id(), "");
                    }
                }
            }
            return "op " + op + " on " + model;
        } catch (IllegalTransitionException | NothingToRollBackException | InvalidInputException refused) {
            return "op " + op + " on " + model + " refused: " + refused.getMessage();
        }
    }

    /** The lifecycle's first exclusive stage. */
    private Stage exclusive() {
        return registry().lifecycle().stages().stream()
                .filter(st -> registry().lifecycle().displacementOf(st).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the lifecycle has no exclusive stage"));
    }

    private void checkModel(String model, String where) {
        List<ModelVersion> versions = registry().versions(model);
        for (Stage stage : registry().lifecycle().stages()) {
            if (registry().lifecycle().displacementOf(stage).isPresent()) {
                assertThat(versions).as("%s of %s after %s", stage.name(), model, where)
                        .filteredOn(v -> v.stage().equals(stage)).hasSizeLessThanOrEqualTo(1);
            }
        }
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i).version()).as("numbers of %s after %s", model, where)
                    .isEqualTo(versions.size() - i);
        }
        if (versions.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Integer> alias : registry().aliases(model).entrySet()) {
            assertThat(alias.getValue()).as("alias %s of %s after %s", alias.getKey(), model, where)
                    .isBetween(1, versions.size());
        }
        for (ModelVersion v : versions) {
            List<StageTransition> history = registry().history(new VersionRef(model, v.version()));
            assertThat(history.get(history.size() - 1).to()).as("history of %s after %s", v.ref(), where)
                    .isEqualTo(v.stage());
        }
    }

    private void checkJournal() {
        long expected = 1;
        for (long cursor = 0; ; ) {
            List<JournalEntry> page = registry().journal().after(cursor, Journal.MAX_PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (JournalEntry e : page) {
                assertThat(e.sequence()).isEqualTo(expected++);
            }
            cursor = page.get(page.size() - 1).sequence();
        }
        assertThat(registry().journal().verify().intact()).isTrue();
    }
}
