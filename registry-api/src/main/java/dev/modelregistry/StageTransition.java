package dev.modelregistry;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded move of a version between stages.
 *
 * @param ref     the version that moved
 * @param from    the stage it left
 * @param to      the stage it entered
 * @param actor   who moved it
 * @param at      when
 * @param comment why, possibly empty; a version displaced from an exclusive stage gets a comment
 *                naming the version that displaced it
 */
public record StageTransition(VersionRef ref, Stage from, Stage to, String actor, Instant at, String comment) {

    public StageTransition {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        comment = comment == null ? "" : comment;
    }
}
