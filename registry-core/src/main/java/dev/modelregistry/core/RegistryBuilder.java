package dev.modelregistry.core;

import dev.modelregistry.Lifecycle;
import dev.modelregistry.Registry;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.MetadataStore;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds a {@link Registry} from a metadata store and an artifact store. Defaults: the
 * {@linkplain Lifecycle#standard() standard lifecycle}, the system UTC clock, and the operating
 * system user ({@code user.name}) as principal.
 *
 * <p>The built registry owns the stores and closes them when it is closed. A builder is not
 * thread-safe; {@link #build()} leaves it reusable.
 */
public final class RegistryBuilder {

    private MetadataStore metadataStore;
    private ArtifactStore artifactStore;
    private Lifecycle lifecycle = Lifecycle.standard();
    private Clock clock = Clock.systemUTC();
    private String principal = System.getProperty("user.name", "unknown");

    RegistryBuilder() {
    }

    /** Where models, versions, stages and history are stored. Required. */
    public RegistryBuilder metadataStore(MetadataStore metadataStore) {
        this.metadataStore = Objects.requireNonNull(metadataStore, "metadataStore");
        return this;
    }

    /** Where the versions' files are stored. Required. */
    public RegistryBuilder artifactStore(ArtifactStore artifactStore) {
        this.artifactStore = Objects.requireNonNull(artifactStore, "artifactStore");
        return this;
    }

    /** The stages and the rules for moving between them. */
    public RegistryBuilder lifecycle(Lifecycle lifecycle) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        return this;
    }

    /** The clock that timestamps every change; inject a fixed one for deterministic tests. */
    public RegistryBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Who the registry acts as; recorded on every change.
     *
     * @throws dev.modelregistry.InvalidInputException if the principal is blank, too long or holds
     *         control, invisible or text-direction characters (checked at once)
     */
    public RegistryBuilder principal(String principal) {
        this.principal = Validation.principal(Objects.requireNonNull(principal, "principal"));
        return this;
    }

    /**
     * Builds the registry.
     *
     * @throws IllegalStateException                   if a store is missing
     * @throws dev.modelregistry.InvalidInputException if the default principal (the OS user) is not a
     *         valid principal
     */
    public Registry build() {
        if (metadataStore == null) {
            throw new IllegalStateException("metadataStore is required");
        }
        if (artifactStore == null) {
            throw new IllegalStateException("artifactStore is required");
        }
        return new DefaultRegistry(metadataStore, artifactStore, lifecycle, clock, principal);
    }
}
