package dev.modelregistry.spi;

import java.time.Instant;

/**
 * A stage move the core has checked against its lifecycle.
 *
 * @param model         model name
 * @param version       version number
 * @param expectedFrom  the stage the core saw the version in; the store refuses the move with
 *                      {@link dev.modelregistry.VersionConflictException} if it is in another one
 * @param to            the target stage
 * @param displacedTo   if not null, the target stage is exclusive and every other version of the
 *                      model in it moves to this stage in the same transaction, each move recorded
 *                      with this request's actor and time and the comment
 *                      {@code "displaced by <model> v<version>"} naming this request's version,
 *                      for example {@code "displaced by fraud-detector v7"}
 * @param actor         who moves it
 * @param at            when
 * @param comment       why, possibly empty
 */
public record TransitionRequest(String model, int version, String expectedFrom, String to, String displacedTo,
                                String actor, Instant at, String comment) {
}
