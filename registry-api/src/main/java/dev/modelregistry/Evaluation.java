package dev.modelregistry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of evaluating a model version: a test run on held-out data, a bias check, a shadow
 * comparison. Evaluations are appended to a version and never change; they are evidence, kept
 * apart from the metrics the version was registered with, which never change either.
 *
 * @param ref        the version evaluated
 * @param sequence   1 for the version's first evaluation, then one more for each
 * @param name       what was evaluated, such as {@code holdout-2026-11}
 * @param metrics    what it measured, sorted by key
 * @param passed     whether it passed
 * @param details    free text: what was run, a link to a report; possibly empty
 * @param recordedBy the principal who recorded it
 * @param at         when it was recorded, to the millisecond
 */
public record Evaluation(VersionRef ref, int sequence, String name, Map<String, Double> metrics, boolean passed,
                         String details, String recordedBy, Instant at) {

    public Evaluation {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(name, "name");
        metrics = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(at, "at");
    }
}
