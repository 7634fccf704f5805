package dev.modelregistry.jdbc;

import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Applies a change set inside one transaction: locks its models in name order (so two change sets
 * never wait for each other in a cycle), checks its preconditions, applies its mutations in order
 * and appends its journal entries last. One place dispatches every mutation.
 */
final class ChangeWriter {

    private ChangeWriter() {
    }

    static AppliedChange apply(Handle h, ChangeSet changes) {
        Map<String, Boolean> exists = lock(h, changes);
        for (Precondition p : changes.preconditions()) {
            PreconditionSql.check(h, p, exists);
        }
        int inserted = 0;
        for (Mutation m : changes.mutations()) {
            if (m instanceof Mutation.CreateModel c) {
                ModelSql.create(h, c);
            } else if (m instanceof Mutation.InsertVersion c) {
                inserted = VersionWrites.insert(h, c.version());
            } else if (m instanceof Mutation.MoveStage c) {
                VersionWrites.move(h, c, changes.principal(), changes.at());
            } else if (m instanceof Mutation.SetDescription c) {
                VersionWrites.describe(h, c, changes.principal(), changes.at());
            } else if (m instanceof Mutation.SetTag c) {
                VersionWrites.tag(h, c, changes.principal(), changes.at());
            } else {
                throw new IllegalArgumentException("Unknown mutation " + m);
            }
        }
        List<JournalEntry> entries = JournalSql.append(h, changes, inserted);
        return new AppliedChange(entries, inserted);
    }

    /** Whether an interrupted attempt of the change set committed: locks like {@link #apply}, then asks the journal. */
    static Optional<AppliedChange> applied(Handle h, ChangeSet changes) {
        lock(h, changes);
        return JournalSql.applied(h, changes);
    }

    /** Locks the rows of the change set's models that exist; returns which exist. */
    private static Map<String, Boolean> lock(Handle h, ChangeSet changes) {
        Map<String, Boolean> exists = new LinkedHashMap<>();
        for (String model : changes.models()) {
            exists.put(model, ModelSql.lock(h, model));
        }
        return exists;
    }
}
