package dev.modelregistry.core;

import dev.modelregistry.Registry;

/**
 * Entry points: a builder for explicit wiring, and an in-memory registry for tests.
 *
 * <p>For the embedded default (H2 + a local directory) see {@code dev.modelregistry.embedded.EmbeddedRegistry}.
 */
public final class Registries {

    private Registries() {
    }

    /** A builder that wires a registry from explicitly chosen stores. */
    public static RegistryBuilder builder() {
        return new RegistryBuilder();
    }

    /**
     * A throw-away registry that keeps everything in memory, for unit tests. It behaves like a
     * persistent one (same validation, lifecycle, verification) and forgets everything on close.
     */
    public static Registry inMemory() {
        return builder().metadataStore(new InMemoryMetadataStore()).artifactStore(new InMemoryArtifactStore()).build();
    }
}
