package dev.modelregistry.journal;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Journal#verify()} found.
 *
 * @param checked  how many entries it read
 * @param head     the head sequence the store records
 * @param problem  the first problem in sequence order, empty if the chain is intact
 */
public record JournalReport(long checked, long head, Optional<Problem> problem) {

    public JournalReport {
        Objects.requireNonNull(problem, "problem");
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
        REORDERED
    }
}
