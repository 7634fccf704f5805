package dev.modelregistry;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a version's stage history: its registration (the first entry, by which it entered
 * the lifecycle's initial stage) or a recorded move between stages.
 *
 * @param ref     the version that moved
 * @param from    the stage it left, or {@code null} for the registration
 * @param to      the stage it entered
 * @param actor   who moved it
 * @param at      when
 * @param comment why, possibly empty; a version displaced from an exclusive stage gets a comment
 *                naming the version that displaced it
 */
public record StageTransition(VersionRef ref, Stage from, Stage to, String actor, Instant at, String comment) {

    /** The comment of the registration entry. */
    public static final String REGISTERED = "registered";

    public StageTransition {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        comment = comment == null ? "" : comment;
    }

    /** Whether this is the registration entry, the first of every history. */
    public boolean isRegistration() {
        return from == null;
    }
}
