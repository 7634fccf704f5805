package dev.modelregistry.lineage;

import dev.modelregistry.InvalidInputException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The experiment-tracker run that produced a version: a link to MLflow, Weights &amp; Biases or
 * anything else.
 *
 * @param tracker the tracker's name, such as {@code mlflow} or {@code wandb}
 * @param runId   the run's id in that tracker
 * @param url     where to see the run, if it has a page (http or https)
 */
public record TrainingRun(String tracker, String runId, Optional<URI> url) {

    /** Longest tracker name and run id. */
    public static final int TEXT_LENGTH = 256;

    public TrainingRun {
        LineageText.check("run tracker", tracker, TEXT_LENGTH);
        LineageText.check("run id", runId, TEXT_LENGTH);
        Objects.requireNonNull(url, "url");
        url.ifPresent(u -> {
            String scheme = u.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new InvalidInputException("run url", u.toString(), "not an http or https URL");
            }
            LineageText.check("run url", u.toString(), Dataset.URI_LENGTH);
        });
    }

    /** A run without a page. */
    public static TrainingRun of(String tracker, String runId) {
        return new TrainingRun(tracker, runId, Optional.empty());
    }

    /** A run whose page is at {@code url}. */
    public static TrainingRun of(String tracker, String runId, URI url) {
        return new TrainingRun(tracker, runId, Optional.of(url));
    }
}
