package dev.modelregistry.core;

import dev.modelregistry.Registry;
import dev.modelregistry.testkit.BadInputContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

class InMemoryBadInputTest extends BadInputContract {

    private InMemoryArtifactStore artifacts;

    @Override
    protected Registry open(Path dir, Clock clock, String principal) {
        artifacts = new InMemoryArtifactStore();
        return Registries.builder().metadataStore(new InMemoryMetadataStore()).artifactStore(artifacts)
                .clock(clock).principal(principal).build();
    }

    @Override
    protected Set<String> storedBlobs() {
        try (Stream<String> blobs = artifacts.list()) {
            return blobs.collect(Collectors.toSet());
        }
    }
}
