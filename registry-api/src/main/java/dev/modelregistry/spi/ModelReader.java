package dev.modelregistry.spi;

import dev.modelregistry.Model;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/** Reads models; each method reads one consistent state. Implementations must be thread-safe. */
public interface ModelReader {

    /** The model called {@code name}, if any. */
    Optional<Model> model(String name);

    /** All models, sorted by name. */
    List<Model> models();

    /** The lifecycle recorded in the store ({@link LifecycleText}), if one was. */
    Optional<String> lifecycle();

    /** The names of the stages that versions of any model are in. */
    Set<String> stagesInUse();

    /** The aliases of the model and the version each points at, sorted by alias; empty if none or no model. */
    SortedMap<String, Integer> aliases(String model);
}
