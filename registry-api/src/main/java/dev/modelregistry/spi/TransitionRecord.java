package dev.modelregistry.spi;

import java.time.Instant;

/**
 * A recorded stage move as the metadata store returns it.
 *
 * @param model   model name
 * @param version version number
 * @param from    stage left
 * @param to      stage entered
 * @param actor   who
 * @param at      when
 * @param comment why, possibly empty
 */
public record TransitionRecord(String model, int version, String from, String to, String actor, Instant at,
                               String comment) {
}
