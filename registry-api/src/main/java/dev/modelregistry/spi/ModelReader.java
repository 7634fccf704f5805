package dev.modelregistry.spi;

import dev.modelregistry.Model;
import java.util.List;
import java.util.Optional;

/** Reads models; each method reads one consistent state. Implementations must be thread-safe. */
public interface ModelReader {

    /** The model called {@code name}, if any. */
    Optional<Model> model(String name);

    /** All models, sorted by name. */
    List<Model> models();
}
