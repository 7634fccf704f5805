package dev.modelregistry.embedded;

import dev.modelregistry.Gate;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.core.Registries;
import dev.modelregistry.fs.FileSystemArtifactStore;
import dev.modelregistry.jdbc.JdbcMetadataStore;
import dev.modelregistry.testkit.GovernanceContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The governance suite on the embedded default's stores: an H2 file and a directory, new for each registry. */
class EmbeddedGovernanceTest extends GovernanceContract {

    @TempDir
    Path dir;

    private int opened;

    @Override
    protected Registry open(Lifecycle lifecycle, Map<Stage, List<Gate>> stageGates, Map<String, List<Gate>> aliasGates) {
        Path root = dir.resolve("registry-" + opened++);
        return GovernanceWiring.configure(lifecycle, stageGates, aliasGates).apply(Registries.builder()
                .metadataStore(JdbcMetadataStore.h2File(root.resolve("metadata")))
                .artifactStore(FileSystemArtifactStore.at(root.resolve("artifacts")))
                .principal("carol"))
                .build();
    }
}
