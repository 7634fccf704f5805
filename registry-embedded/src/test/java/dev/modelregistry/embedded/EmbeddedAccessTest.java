package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Subject;
import dev.modelregistry.testkit.AccessScenariosContract;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** The permission matrix on the embedded default (an H2 file and a directory). */
class EmbeddedAccessTest extends AccessScenariosContract {

    @TempDir
    Path dir;

    @Override
    protected Registry open(Principal principal, AccessPolicy policy, Set<Subject> admins) {
        EmbeddedRegistry embedded = EmbeddedRegistry.at(dir.resolve("registry")).principal(principal)
                .accessPolicy(policy);
        admins.forEach(embedded::admin);
        return embedded.open();
    }
}
