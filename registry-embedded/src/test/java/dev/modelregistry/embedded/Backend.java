package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Subject;
import dev.modelregistry.core.Registries;
import dev.modelregistry.core.RegistryBuilder;
import dev.modelregistry.fs.FileSystemArtifactStore;
import dev.modelregistry.jdbc.JdbcMetadataStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Where the registry under test keeps its data, and how every process opens it: the embedded
 * default under one directory, or a database server's schema plus a shared directory of files.
 * The test passes it to its child processes through their environment (not their command line,
 * which other users of the machine can read).
 *
 * @param root     the embedded registry's directory, or the shared artifact directory
 * @param jdbcUrl  null for the embedded registry, else the metadata database's URL
 * @param user     the database user, if any
 * @param password the database password, if any
 */
record Backend(Path root, String jdbcUrl, String user, String password) {

    private static final String ROOT = "MODELREGISTRY_TEST_ROOT";
    private static final String URL = "MODELREGISTRY_TEST_JDBC_URL";
    private static final String USER = "MODELREGISTRY_TEST_JDBC_USER";
    private static final String PASSWORD = "MODELREGISTRY_TEST_JDBC_PASSWORD";

    static Backend embedded(Path root) {
        return new Backend(root, null, null, null);
    }

    static Backend server(String jdbcUrl, String user, String password, Path artifacts) {
        return new Backend(artifacts, jdbcUrl, user, password);
    }

    boolean isEmbedded() {
        return jdbcUrl == null;
    }

    /** Opens the registry, as each process does, acting as {@code principal}. */
    Registry open(String principal) {
        if (isEmbedded()) {
            return EmbeddedRegistry.at(root).principal(principal).open();
        }
        return serverBuilder(principal).build();
    }

    /** Opens the registry like {@link #open(String)}, telling time by {@code clock}. */
    Registry open(String principal, Clock clock) {
        if (isEmbedded()) {
            return EmbeddedRegistry.at(root).principal(principal).clock(clock).open();
        }
        return serverBuilder(principal).clock(clock).build();
    }

    /**
     * Opens the registry like {@link #open(String)}, under access control: acting as
     * {@code principal}, deciding by {@code policy}, with {@code admin} as configured administrator.
     */
    Registry open(Principal principal, AccessPolicy policy, Subject admin) {
        if (isEmbedded()) {
            return EmbeddedRegistry.at(root).principal(principal).accessPolicy(policy).admin(admin).open();
        }
        return serverBuilder(principal.id()).principal(principal).accessPolicy(policy).admin(admin).build();
    }

    private RegistryBuilder serverBuilder(String principal) {
        JdbcMetadataStore metadata = JdbcMetadataStore.create(jdbcUrl, user, password);
        return Registries.builder()
                .metadataStore(metadata)
                .artifactStore(FileSystemArtifactStore.at(root))
                .principal(principal);
    }

    void exportTo(Map<String, String> environment) {
        environment.put(ROOT, root.toString());
        if (!isEmbedded()) {
            environment.put(URL, jdbcUrl);
            put(environment, USER, user);
            put(environment, PASSWORD, password);
        }
    }

    static Backend fromEnvironment() {
        Path root = Path.of(System.getenv(ROOT));
        String url = System.getenv(URL);
        return url == null ? embedded(root) : server(url, System.getenv(USER), System.getenv(PASSWORD), root);
    }

    private static void put(Map<String, String> environment, String name, String value) {
        if (value != null) {
            environment.put(name, value);
        }
    }

    @Override
    public String toString() {
        return isEmbedded() ? "embedded registry at " + root : jdbcUrl + " with files at " + root;
    }
}
