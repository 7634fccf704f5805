package dev.modelregistry.spi;

import dev.modelregistry.VersionRef;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads versions with their files and metadata; each method reads one consistent state, never half
 * a change set. Implementations must be thread-safe.
 */
public interface VersionReader {

    /** A version, if it exists. */
    Optional<VersionRecord> version(String model, int version);

    /** The highest-numbered version of a model, if any. */
    Optional<VersionRecord> latestVersion(String model);

    /** The highest-numbered version of a model currently in {@code stage}, if any. */
    Optional<VersionRecord> newestInStage(String model, String stage);

    /** The numbers of the model's versions currently in {@code stage}, lowest first. */
    List<Integer> versionsInStage(String model, String stage);

    /** All versions of a model, highest number first; empty if the model does not exist. */
    List<VersionRecord> versions(String model);

    /**
     * The records of those of {@code versions} that exist, of any models, in no particular order; one
     * read, as a search page needs them.
     */
    List<VersionRecord> versionsOf(Collection<VersionRef> versions);
}
