package dev.modelregistry.journal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Journal#verify()} found.
 *
 * @param checked  how many entries it read
 * @param head     the head sequence the store records
 * @param problem  the first problem in sequence order, empty if the chain is intact
 * @param unauthorized entries, in sequence order (at most {@value #MOST_UNAUTHORIZED}), whose
 *                 principal was not allowed their operation by the grants and administrators the
 *                 journal recorded at the time: written without access control, or allowed by a
 *                 grant written into the database behind the registry's back (docs/ACCESS.md);
 *                 then also a {@link Kind#FORGED} problem for each stored grant the journal never granted
 */
public record JournalReport(long checked, long head, Optional<Problem> problem, List<Problem> unauthorized) {

    /** Most entries {@link #unauthorized()} lists. */
    public static final int MOST_UNAUTHORIZED = 100;

    public JournalReport {
        Objects.requireNonNull(problem, "problem");
        unauthorized = List.copyOf(unauthorized);
    }

    /** A report without authorization problems. */
    public JournalReport(long checked, long head, Optional<Problem> problem) {
        this(checked, head, problem, List.of());
    }

    /** Whether every entry was allowed when it was made and every stored grant was journaled. */
    public boolean authorized() {
        return unauthorized.isEmpty();
    }

    /** Whether the chain is intact: every entry as written, none missing, added or moved. */
    public boolean intact() {
        return problem.isEmpty();
    }

    /**
     * The first place the chain breaks.
     *
     * @param sequence the sequence of the first entry concerned
     * @param kind     what happened to it
     * @param message  what was found, for people
     */
    public record Problem(long sequence, Kind kind, String message) {

        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** What happened to an entry. */
    public enum Kind {
        /** Its content no longer matches its hash, or it was rewritten with a new hash. */
        ALTERED,
        /** It is missing: a gap in the sequence, a chain that points at an entry no longer there, or a head beyond the last entry. */
        REMOVED,
        /** It was not written by the store: beyond the recorded head, or spliced into the chain. */
        INSERTED,
        /** It is intact but at another place than it was written at. */
        REORDERED,
        /** Its principal was not allowed its operation at the time. */
        UNAUTHORIZED,
        /** A stored grant that no journal entry granted (its sequence is the journal's head). */
        FORGED
    }
}
