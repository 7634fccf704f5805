package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Subject;
import dev.modelregistry.testkit.AccessScenariosContract;
import dev.modelregistry.testkit.Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** The permission matrix on Postgres and a directory. */
class PostgresAccessTest extends AccessScenariosContract {

    private static final ServerWiring WIRING = new ServerWiring(Databases.Kind.POSTGRESQL);

    @TempDir
    Path dir;

    @Override
    protected Registry open(Principal principal, AccessPolicy policy, Set<Subject> admins) {
        return WIRING.open(dir, Clock.systemUTC(), principal.id(), builder -> {
            builder.principal(principal).accessPolicy(policy);
            admins.forEach(builder::admin);
            return builder;
        });
    }

    @AfterAll
    static void drop() {
        WIRING.drop();
    }
}
