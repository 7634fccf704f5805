package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.StageTransition;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.JournalHashes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the multi-process tests check of the journal against what the registry shows: the whole
 * journal, read page by page, is a gapless chain from sequence 1 that {@code verify()} finds
 * intact, and a model's changes and its entries match one to one (each version has exactly one
 * registration entry and one stage entry per move in its history, and no entry names a change
 * that is not there).
 */
final class JournalLedger {

    private JournalLedger() {
    }

    /** Every entry of the registry's journal, in sequence order. */
    static List<JournalEntry> readAll(Registry registry) {
        List<JournalEntry> all = new ArrayList<>();
        for (List<JournalEntry> page; !(page = registry.journal().after(all.size(), Journal.MAX_PAGE)).isEmpty(); ) {
            all.addAll(page);
        }
        return all;
    }

    /**
     * The check that holds while writers are at work: the chain, and the registrations of
     * {@code model}. The journal read before the versions must register none that is missing, the
     * journal read after them every version there, once.
     */
    static void checkRegistrations(Registry registry, String model) {
        List<JournalEntry> before = readAll(registry);
        List<Integer> versions = registry.versions(model).stream().map(ModelVersion::version).toList();
        List<JournalEntry> after = checkChain(registry, before);

        Counts early = Counts.of(before, model);
        Counts late = Counts.of(after, model);
        assertThat(late.registered).as("registration entries per version").allSatisfy((v, n) -> assertThat(n).isOne());
        assertThat(late.registered.keySet()).as("versions registered in the journal").containsAll(versions);
        assertThat(versions).as("versions the journal registered").containsAll(early.registered.keySet());
        assertThat(late.created).as("model.created entries of %s", model).isBetween(versions.isEmpty() ? 0 : 1, 1);
    }

    /**
     * The exact check, once no writer is at work: the chain, and every change of {@code model}
     * (registrations and stage moves) has exactly one entry and every entry its change.
     *
     * @return the journal
     */
    static List<JournalEntry> checkMatches(Registry registry, String model) {
        List<JournalEntry> all = checkChain(registry, List.of());
        Counts journaled = Counts.of(all, model);
        Map<Integer, Integer> registered = new HashMap<>();
        Map<Integer, Integer> moves = new HashMap<>();
        List<ModelVersion> versions = registry.versions(model);
        for (ModelVersion v : versions) {
            registered.put(v.version(), 1);
            List<StageTransition> history = registry.history(v.ref());
            int moved = (int) history.stream().filter(t -> !t.isRegistration()).count();
            if (moved > 0) {
                moves.put(v.version(), moved);
            }
        }
        assertThat(journaled.registered).as("registration entries per version").isEqualTo(registered);
        assertThat(journaled.moves).as("stage entries per version").isEqualTo(moves);
        assertThat(journaled.created).as("model.created entries of %s", model).isEqualTo(versions.isEmpty() ? 0 : 1);
        assertThat(checkChain(registry, all)).as("the journal, read again").isEqualTo(all);
        return all;
    }

    /** Reads the journal again and checks that it extends {@code earlier}, chains from 1 and verifies. */
    private static List<JournalEntry> checkChain(Registry registry, List<JournalEntry> earlier) {
        List<JournalEntry> all = readAll(registry);
        assertThat(all.subList(0, earlier.size())).as("entries read twice").isEqualTo(earlier);
        String previous = JournalHashes.GENESIS;
        for (int i = 0; i < all.size(); i++) {
            JournalEntry entry = all.get(i);
            assertThat(entry.sequence()).as("sequence of entry %s", i + 1).isEqualTo(i + 1);
            assertThat(entry.previousHash()).as("link of entry %s", entry.sequence()).isEqualTo(previous);
            previous = entry.hash();
        }
        assertThat(registry.journal().verify().problem()).as("verify()").isEmpty();
        return all;
    }

    /** The entries about one model, counted per version. */
    private record Counts(int created, Map<Integer, Integer> registered, Map<Integer, Integer> moves) {

        static Counts of(List<JournalEntry> entries, String model) {
            int created = 0;
            Map<Integer, Integer> registered = new HashMap<>();
            Map<Integer, Integer> moves = new HashMap<>();
            for (JournalEntry entry : entries) {
                if (!entry.model().equals(model)) {
                    continue;
                }
                switch (entry.operation()) {
                    case Operations.MODEL_CREATED -> created++;
                    case Operations.VERSION_REGISTERED -> registered.merge(entry.version(), 1, Integer::sum);
                    case Operations.VERSION_STAGE_CHANGED -> moves.merge(entry.version(), 1, Integer::sum);
                    default -> throw new AssertionError("unexpected entry " + entry);
                }
            }
            return new Counts(created, registered, moves);
        }
    }
}
