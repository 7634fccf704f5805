package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.core.Registries;
import dev.modelregistry.core.RegistryBuilder;
import dev.modelregistry.fs.FileSystemArtifactStore;
import dev.modelregistry.jdbc.JdbcMetadataStore;
import dev.modelregistry.testkit.Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * The team wiring of the registry-level contracts: metadata in a database server, files in a
 * directory. A test class has one scratch schema (or database), created by its first test and
 * emptied before every later one, which is much faster than migrating a new one per test. The
 * server is looked up inside the test, so a missing one shows as skipped tests (or, with
 * {@code CI=true}, as failures).
 */
final class ServerWiring {

    private final Databases.Kind kind;
    private Databases.Scratch scratch;

    ServerWiring(Databases.Kind kind) {
        this.kind = kind;
    }

    /** A registry over the emptied scratch schema and the blobs under {@code <dir>/artifacts}. */
    Registry open(Path dir, Clock clock, String principal) {
        return open(dir, clock, principal, builder -> builder);
    }

    /** Like {@link #open(Path, Clock, String)}, with the builder configured further (gates, a lifecycle). */
    Registry open(Path dir, Clock clock, String principal, UnaryOperator<RegistryBuilder> configure) {
        Databases.Server server = Databases.require(kind);
        if (scratch == null) {
            scratch = server.createScratch();
        } else {
            scratch.clearRegistry();
        }
        return configure.apply(Registries.builder()
                .metadataStore(JdbcMetadataStore.create(scratch.url(), server.user(), server.password()))
                .artifactStore(FileSystemArtifactStore.at(EmbeddedRegistry.artifactsDirectory(dir)))
                .clock(clock)
                .principal(principal))
                .build();
    }

    /**
     * Another registry over the scratch schema of the last one opened, as it is (nothing emptied),
     * as a second process would open it.
     */
    Registry reopen(Path dir, Clock clock, String principal, UnaryOperator<RegistryBuilder> configure) {
        Databases.Server server = Databases.require(kind);
        return configure.apply(Registries.builder()
                .metadataStore(JdbcMetadataStore.create(scratch.url(), server.user(), server.password()))
                .artifactStore(FileSystemArtifactStore.at(EmbeddedRegistry.artifactsDirectory(dir)))
                .clock(clock)
                .principal(principal))
                .build();
    }

    /** The scratch schema of the last registry opened. */
    Databases.Scratch scratch() {
        return scratch;
    }

    /** Drops the scratch schema; for {@code @AfterAll}. */
    void drop() {
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
    }
}
