package dev.modelregistry.journal;

import dev.modelregistry.InvalidInputException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which journal entries an audit query returns ({@link Journal#query}): every condition given must
 * hold. Results come in sequence order, after {@link #after()}; page on by passing the last
 * sequence returned (keyset paging: entries committed meanwhile are neither skipped nor repeated).
 * Immutable; change through the {@code withX} methods, starting from {@link #all()}.
 *
 * @param model      only entries about this model (its versions' included), if given
 * @param version    only entries about this version of {@code model}, if above 0
 * @param principal  only entries made (or, for {@code access.denied}, attempted) by this principal, as
 *                   the journal names it ({@link dev.modelregistry.access.Principal#id()})
 * @param operations only entries with one of these operations, if not empty
 * @param from       only entries at or after this instant, if given
 * @param until      only entries before this instant, if given
 * @param after      only entries with a sequence above this one
 * @param limit      at most this many entries, 1 to {@link Journal#MAX_PAGE}
 */
public record JournalQuery(Optional<String> model, int version, Optional<String> principal, Set<String> operations,
                           Optional<Instant> from, Optional<Instant> until, long after, int limit) {

    /** The number of entries a query returns unless told otherwise. */
    public static final int DEFAULT_LIMIT = 1_000;

    /**
     * @throws InvalidInputException if the version is negative or given without a model, the
     *         sequence is negative, the limit is out of range, or {@code until} is not after {@code from}
     */
    public JournalQuery {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(principal, "principal");
        operations = Set.copyOf(operations);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (version < 0 || (version > 0 && model.isEmpty())) {
            throw new InvalidInputException("journal query version", Integer.toString(version),
                    "must be positive and given with a model");
        }
        if (after < 0) {
            throw new InvalidInputException("journal query sequence", Long.toString(after), "must not be negative");
        }
        if (limit < 1 || limit > Journal.MAX_PAGE) {
            throw new InvalidInputException("journal query limit", Integer.toString(limit),
                    "must be between 1 and " + Journal.MAX_PAGE);
        }
        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
            throw new InvalidInputException("journal query time range", from.get() + " to " + until.get(),
                    "must end after it begins");
        }
    }

    /** Every entry, {@link #DEFAULT_LIMIT} at a time. */
    public static JournalQuery all() {
        return new JournalQuery(Optional.empty(), 0, Optional.empty(), Set.of(), Optional.empty(), Optional.empty(),
                0, DEFAULT_LIMIT);
    }

    /** Only entries about {@code model}. */
    public JournalQuery withModel(String model) {
        return new JournalQuery(Optional.of(model), 0, principal, operations, from, until, after, limit);
    }

    /** Only entries about one version. */
    public JournalQuery withVersion(String model, int version) {
        return new JournalQuery(Optional.of(model), version, principal, operations, from, until, after, limit);
    }

    /** Only entries by {@code principal}. */
    public JournalQuery withPrincipal(String principal) {
        return new JournalQuery(model, version, Optional.of(principal), operations, from, until, after, limit);
    }

    /** Only entries with one of these operations. */
    public JournalQuery withOperations(String... operations) {
        return new JournalQuery(model, version, principal, Set.of(operations), from, until, after, limit);
    }

    /** Only entries at or after {@code from} and before {@code until}. */
    public JournalQuery between(Instant from, Instant until) {
        return new JournalQuery(model, version, principal, operations, Optional.of(from), Optional.of(until), after,
                limit);
    }

    /** Only entries after this sequence: the last one of the previous page. */
    public JournalQuery withAfter(long sequence) {
        return new JournalQuery(model, version, principal, operations, from, until, sequence, limit);
    }

    /** At most this many entries. */
    public JournalQuery withLimit(int limit) {
        return new JournalQuery(model, version, principal, operations, from, until, after, limit);
    }

    /** Whether {@code entry} meets every condition but the sequence and the limit. */
    public boolean matches(JournalEntry entry) {
        return model.map(entry.model()::equals).orElse(true)
                && (version == 0 || entry.version() == version)
                && principal.map(entry.principal()::equals).orElse(true)
                && (operations.isEmpty() || operations.contains(entry.operation()))
                && from.map(f -> !entry.at().isBefore(f)).orElse(true)
                && until.map(entry.at()::isBefore).orElse(true);
    }
}
