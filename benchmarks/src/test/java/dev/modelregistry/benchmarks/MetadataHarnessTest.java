package dev.modelregistry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.FileEntry;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registration;
import dev.modelregistry.Registry;
import dev.modelregistry.StandardStage;
import dev.modelregistry.StageTransition;
import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.ImpactQuery;
import dev.modelregistry.lineage.LineageGraph;
import dev.modelregistry.core.InMemoryArtifactStore;
import dev.modelregistry.core.Registries;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk loader writes what registering and promoting through the API would have written; a few seconds on H2. */
class MetadataHarnessTest {

    @TempDir
    Path dir;

    @Test
    void bulkLoadedVersionsReadBackLikeRegisteredOnes() throws Exception {
        SyntheticCatalog catalog = new SyntheticCatalog(6, 10);
        try (H2Target target = new H2Target(dir.resolve("h2"))) {
            MetadataRun.load(target, catalog, 2);
            InMemoryArtifactStore artifacts = new InMemoryArtifactStore();
            catalog.storeBlobs(artifacts);
            try (Registry registry = Registries.builder().metadataStore(target.openStore()).artifactStore(artifacts)
                    .principal("test").build()) {
                assertThat(registry.models()).hasSize(6);
                List<ModelVersion> versions = registry.versions("model-00003");
                assertThat(versions).extracting(ModelVersion::version).containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
                assertThat(registry.find("model-00003", StandardStage.PRODUCTION)).get()
                        .extracting(ModelVersion::version).isEqualTo(8);
                assertThat(versions).filteredOn(v -> v.stage() == StandardStage.PRODUCTION).hasSize(1);
                assertThat(registry.history(registry.version("model-00003", 5).orElseThrow().ref()))
                        .extracting(StageTransition::to)
                        .containsExactly(StandardStage.DEVELOPMENT, StandardStage.STAGING, StandardStage.PRODUCTION,
                                StandardStage.ARCHIVED);

                ModelVersion loaded = registry.version("model-00003", 5).orElseThrow();
                assertThat(loaded.params()).hasSize(4);
                assertThat(loaded.metrics()).hasSize(3);
                assertThat(loaded.tags()).hasSize(3);
                assertThat(loaded.files()).extracting(FileEntry::path).containsExactly("config.json", "model.onnx");

                // The loaded lineage reads back as the catalog's, and the walks find what the catalog predicts.
                SyntheticLineage lineage = new SyntheticLineage(catalog);
                assertThat(registry.lineage().of(loaded.ref())).isEqualTo(lineage.lineage(3, 5));
                String runId = lineage.lineage(3, 5).run().orElseThrow().runId();
                assertThat(registry.search().versions("run_id = '" + runId + "'").items())
                        .extracting(ModelVersion::ref).containsExactly(loaded.ref());
                assertThat(registry.lineage().of(VersionRef.of("model-00000", 2))).isEqualTo(lineage.lineage(0, 2));
                LineageGraph up = registry.lineage().upstream(VersionRef.of("model-00005", 7), 5);
                assertThat(up.versions()).extracting(n -> n.ref().model())
                        .containsExactly("model-00005", "model-00004", "model-00003", "model-00002", "model-00001",
                                "model-00000");
                assertThat(up.truncated()).isFalse();
                int dataset = SyntheticLineage.trainingSet(2, 8);
                assertThat(registry.lineage().impact(ImpactQuery.datasetUri(SyntheticLineage.datasetUri(dataset))
                        .inStages(StandardStage.PRODUCTION)))
                        .extracting(i -> i.version().ref()).containsExactlyInAnyOrderElementsOf(lineage.impact(dataset, 8))
                        .contains(VersionRef.of("model-00002", 8), VersionRef.of("model-00005", 8));

                // The same files registered through the API get the same digest: the loader's manifests are sound.
                Registration again = registry.register("model-00003");
                for (FileEntry f : loaded.files()) {
                    try (InputStream in = registry.open(loaded, f.path())) {
                        again.content(f.path(), in.readAllBytes());
                    }
                }
                ModelVersion registered = again.commit();
                assertThat(registered.version()).isEqualTo(11);
                assertThat(registered.digest()).isEqualTo(loaded.digest());
            }
        }
    }

    @Test
    void everyOperationRunsAndIsTimed() throws Exception {
        SyntheticCatalog catalog = new SyntheticCatalog(4, 5);
        try (H2Target target = new H2Target(dir.resolve("h2"))) {
            MetadataRun.load(target, catalog, 1);
            InMemoryArtifactStore artifacts = new InMemoryArtifactStore();
            catalog.storeBlobs(artifacts);
            try (Registry registry = Registries.builder().metadataStore(target.openStore()).artifactStore(artifacts)
                    .principal("test").build()) {
                MetadataOps ops = new MetadataOps(registry, catalog, SearchOps.prepare(catalog));
                ops.warmUp(10);
                for (MetadataOps.Op op : MetadataOps.Op.values()) {
                    ops.run(op, 5, true);
                }
                assertThat(ops.latencies().values()).allSatisfy(l -> assertThat(l.count()).isEqualTo(5));
                assertThat(ops.bestRoundMedians()).hasSize(MetadataOps.Op.values().length);
            }
        }
    }

    @Test
    void percentilesAreNearestRank() {
        Latencies l = new Latencies(100);
        for (long v = 100; v >= 1; v--) {
            l.add(v);
        }
        assertThat(l.p50()).isEqualTo(50);
        assertThat(l.p99()).isEqualTo(99);
        assertThat(MetadataOptions.count("1m")).isEqualTo(1_000_000);
        assertThat(MetadataOptions.human(10_000)).isEqualTo("10k");
    }
}
