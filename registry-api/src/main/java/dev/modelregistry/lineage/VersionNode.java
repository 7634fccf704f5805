package dev.modelregistry.lineage;

import dev.modelregistry.Stage;
import dev.modelregistry.VersionRef;
import java.util.List;
import java.util.Objects;

/**
 * A version in a lineage answer, with what a reader of the answer needs to judge it: where it
 * stands now.
 *
 * @param ref     the version
 * @param stage   its stage when the answer was read
 * @param aliases the aliases pointing at it then, in name order
 */
public record VersionNode(VersionRef ref, Stage stage, List<String> aliases) {

    public VersionNode {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(stage, "stage");
        aliases = List.copyOf(aliases);
    }
}
