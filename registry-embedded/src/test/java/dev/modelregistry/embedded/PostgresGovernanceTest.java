package dev.modelregistry.embedded;

import dev.modelregistry.Gate;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.testkit.Databases;
import dev.modelregistry.testkit.GovernanceContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

class PostgresGovernanceTest extends GovernanceContract {

    private static final ServerWiring WIRING = new ServerWiring(Databases.Kind.POSTGRESQL);

    @TempDir
    Path dir;

    @Override
    protected Registry open(Lifecycle lifecycle, Map<Stage, List<Gate>> stageGates, Map<String, List<Gate>> aliasGates) {
        return WIRING.open(dir, Clock.systemUTC(), "carol", GovernanceWiring.configure(lifecycle, stageGates, aliasGates));
    }

    @AfterAll
    static void drop() {
        WIRING.drop();
    }
}
