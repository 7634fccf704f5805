package dev.modelregistry.embedded;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.Registry;
import dev.modelregistry.StorageException;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Subject;
import dev.modelregistry.core.Registries;
import dev.modelregistry.core.RegistryBuilder;
import dev.modelregistry.fs.FileSystemArtifactStore;
import dev.modelregistry.jdbc.JdbcMetadataStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The embedded default: a registry kept entirely under one directory, with metadata in an H2 file
 * database ({@code <root>/metadata.mv.db}) and files in a content-addressed store
 * ({@code <root>/artifacts}). No server, no setup:
 *
 * <pre>{@code
 * try (Registry registry = EmbeddedRegistry.open(Path.of("model-registry"))) { ... }
 * }</pre>
 *
 * <p>Several processes on the same machine may open the same directory at once, each with this
 * class: the first one hosts the database and serves the others over TCP on the loopback
 * interface, and when it exits or dies another one takes over, while operations interrupted by
 * the takeover are retried without being applied twice (see {@link JdbcMetadataStore#h2File} and
 * docs/DESIGN-NOTES.md). The directory must be on a local filesystem; for several machines, use
 * PostgreSQL or MariaDB.
 *
 * <p>This class only wires the stores; use {@link dev.modelregistry.core.Registries#builder()} to
 * combine other stores. Instances of the options builder are not thread-safe; the registries they
 * open are.
 */
public final class EmbeddedRegistry {

    private final Path root;
    private Clock clock = Clock.systemUTC();
    private String principal = System.getProperty("user.name", "unknown");
    private Lifecycle lifecycle = Lifecycle.standard();
    private Principal principalValue;
    private AccessPolicy accessPolicy;
    private final Set<Subject> admins = new LinkedHashSet<>();

    private EmbeddedRegistry(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Opens (creating if needed) the embedded registry under {@code root}, acting as the operating
     * system user.
     *
     * @throws InvalidInputException if the root path contains {@code ;}; nothing is created then
     * @throws StorageException if the directory or database cannot be opened
     */
    public static Registry open(Path root) {
        return at(root).open();
    }

    /** Options for an embedded registry under {@code root}; finish with {@link #open()}. */
    public static EmbeddedRegistry at(Path root) {
        return new EmbeddedRegistry(root);
    }

    /** Who the registry acts as; recorded on every change. */
    public EmbeddedRegistry principal(String principal) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.principalValue = null;
        return this;
    }

    /** Who the registry acts as, with its groups (see {@link RegistryBuilder#principal(dev.modelregistry.access.Principal)}). */
    public EmbeddedRegistry principal(Principal principal) {
        this.principalValue = Objects.requireNonNull(principal, "principal");
        return this;
    }

    /** Turns access control on (see {@link RegistryBuilder#accessPolicy}); docs/ACCESS.md. */
    public EmbeddedRegistry accessPolicy(AccessPolicy policy) {
        this.accessPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Adds an administrator by configuration (see {@link RegistryBuilder#admin}). */
    public EmbeddedRegistry admin(Subject subject) {
        admins.add(Objects.requireNonNull(subject, "subject"));
        return this;
    }

    /** The clock that timestamps every change. */
    public EmbeddedRegistry clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The lifecycle; the standard one by default. */
    public EmbeddedRegistry lifecycle(Lifecycle lifecycle) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        return this;
    }

    /**
     * Opens the registry. Options are checked before anything is created; if opening fails later,
     * everything opened so far is closed again (no database, server thread or lock file stays behind),
     * and only the directories and empty database created so far remain.
     *
     * @throws InvalidInputException if the principal is not valid, or the root path contains {@code ;}
     *         (which H2 cannot take in a database path); nothing is created then
     * @throws StorageException if the directory or database cannot be opened
     */
    public Registry open() {
        RegistryBuilder builder = Registries.builder().clock(clock).lifecycle(lifecycle);
        if (principalValue != null) {
            builder.principal(principalValue);
        } else {
            builder.principal(principal);
        }
        if (accessPolicy != null) {
            builder.accessPolicy(accessPolicy);
        }
        admins.forEach(builder::admin);
        // The metadata store first: it refuses a path H2 cannot take before it creates anything.
        JdbcMetadataStore metadata = JdbcMetadataStore.h2File(databasePath(root));
        FileSystemArtifactStore artifacts = null;
        try {
            artifacts = FileSystemArtifactStore.at(artifactsDirectory(root));
            return builder.metadataStore(metadata).artifactStore(artifacts).build();
        } catch (RuntimeException e) {
            closeAll(e, metadata, artifacts);
            throw e;
        }
    }

    private static void closeAll(RuntimeException failure, AutoCloseable... stores) {
        for (AutoCloseable store : stores) {
            try {
                if (store != null) {
                    store.close();
                }
            } catch (Exception suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }

    /** Where the embedded registry under {@code root} keeps its files. */
    public static Path artifactsDirectory(Path root) {
        return root.resolve("artifacts");
    }

    /** The H2 database path (without the {@code .mv.db} suffix) of the embedded registry under {@code root}. */
    public static Path databasePath(Path root) {
        return root.resolve("metadata");
    }
}
