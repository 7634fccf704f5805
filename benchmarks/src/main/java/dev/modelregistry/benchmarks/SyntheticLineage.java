package dev.modelregistry.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.CodeVersion;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.lineage.Environment;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.ParentModel;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.TrainingRun;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lineage of the metadata benchmark's {@link SyntheticCatalog}, a function of (model, version)
 * like the rest of it, so the loader and the checks agree without keeping anything in memory.
 *
 * <p>{@value #DATASETS} datasets. Every version records two: a training set that changes every ten
 * versions of a model, and the model's own validation set; at 1M versions each dataset is recorded
 * by about 500 versions. Models come in families of {@value #FAMILY}: the first is a base model and
 * each version of every other member was fine-tuned from the same version of the member before it,
 * so parent chains reach depth {@value #FAMILY} − 1 = 5. Every version also records its code
 * commit, a training run and the environment, as a registration does.
 */
final class SyntheticLineage {

    static final int DATASETS = 4_000;
    static final int FAMILY = 6;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Environment ENVIRONMENT = new Environment("Eclipse Adoptium", "17.0.15", "Linux", "amd64",
            "0.1.0", Map.of("ai.djl:api", "0.30.0", "com.microsoft.onnxruntime:onnxruntime", "1.19.2"));

    private final SyntheticCatalog catalog;

    SyntheticLineage(SyntheticCatalog catalog) {
        this.catalog = catalog;
    }

    static String datasetUri(int dataset) {
        return String.format(Locale.ROOT, "s3://bench-lake/datasets/d%04d/2026-11-01/", dataset);
    }

    static String datasetDigest(int dataset) {
        byte[] uri = datasetUri(dataset).getBytes(StandardCharsets.UTF_8);
        return "sha256:" + HexFormat.of().formatHex(SyntheticCatalog.sha256().digest(uri));
    }

    /** The index key the store keeps for a dataset URI: hex SHA-256 of its UTF-8 bytes (docs/LINEAGE.md). */
    static String uriHash(int dataset) {
        return datasetDigest(dataset).substring("sha256:".length());
    }

    static int trainingSet(int model, int number) {
        return (model * 37 + number / 10) % DATASETS;
    }

    static int validationSet(int model) {
        return (model * 13 + 7) % DATASETS;
    }

    /** How far down its family a model is: 0 for a base model, up to {@value #FAMILY} − 1. */
    static int generation(int model) {
        return model % FAMILY;
    }

    /** The version this one was fine-tuned from, if it is not a base model's. */
    static Optional<VersionRef> parent(int model, int number) {
        return generation(model) == 0 ? Optional.empty()
                : Optional.of(VersionRef.of(SyntheticCatalog.modelName(model - 1), number));
    }

    /**
     * The versions numbered {@code number} that an impact query for {@code dataset} finds: those that
     * recorded it, and every later member of their families, which were derived from them.
     */
    Set<VersionRef> impact(int dataset, int number) {
        Set<VersionRef> found = new TreeSet<>(Comparator.comparing(VersionRef::model));
        for (int m = 0; m < catalog.models(); m++) {
            if (trainingSet(m, number) == dataset || validationSet(m) == dataset) {
                for (int d = m; d < catalog.models() && (d == m || generation(d) != 0); d++) {
                    found.add(VersionRef.of(SyntheticCatalog.modelName(d), number));
                }
            }
        }
        return found;
    }

    Lineage lineage(int model, int number) {
        long serial = (long) model * catalog.versionsPerModel() + number;
        int training = trainingSet(model, number);
        int validation = validationSet(model);
        List<Dataset> datasets = List.of(
                new Dataset(datasetUri(training), Optional.of(datasetDigest(training)), DatasetRole.TRAIN,
                        OptionalLong.of(1_000_000L + training), ""),
                new Dataset(datasetUri(validation), Optional.of(datasetDigest(validation)), DatasetRole.VALIDATION,
                        OptionalLong.of(100_000L + validation), ""));
        String commit = HexFormat.of().formatHex(SyntheticCatalog.sha256()
                .digest(Long.toString(serial).getBytes(StandardCharsets.US_ASCII))).substring(0, 40);
        CodeVersion code = new CodeVersion(Optional.of("https://git.example.com/ml/"
                + SyntheticCatalog.modelName(model - generation(model)) + ".git"), Optional.of(commit),
                Optional.of("main"), Optional.of(false), "github-actions", List.of());
        List<ParentModel> parents = parent(model, number).map(p -> List.of(new ParentModel(p,
                Relation.FINE_TUNED_FROM))).orElse(List.of());
        return new Lineage(datasets, Optional.of(code), Optional.of(TrainingRun.of("mlflow", "run-" + serial)),
                parents, Optional.of(ENVIRONMENT));
    }

    /**
     * The text the store keeps for {@code lineage}, in the layout docs/LINEAGE.md documents (keys in a
     * fixed order, absent values left out); {@code MetadataHarnessTest} reads it back through the API.
     */
    static String text(Lineage lineage) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode datasets = o.putArray("datasets");
        for (Dataset d : lineage.datasets()) {
            ObjectNode n = datasets.addObject().put("uri", d.uri());
            d.digest().ifPresent(digest -> n.put("digest", digest));
            n.put("role", d.role().text());
            d.rows().ifPresent(rows -> n.put("rows", rows));
            n.put("description", d.description());
        }
        lineage.code().ifPresent(c -> {
            ObjectNode n = o.putObject("code");
            c.repository().ifPresent(v -> n.put("repository", v));
            c.commit().ifPresent(v -> n.put("commit", v));
            c.branch().ifPresent(v -> n.put("branch", v));
            c.dirty().ifPresent(v -> n.put("dirty", v));
            n.put("source", c.source());
            n.putArray("unknown");
        });
        lineage.run().ifPresent(r -> o.putObject("run").put("tracker", r.tracker()).put("runId", r.runId()));
        ArrayNode parents = o.putArray("parents");
        for (ParentModel p : lineage.parents()) {
            parents.addObject().put("model", p.version().model()).put("version", p.version().version())
                    .put("relation", p.relation().text());
        }
        lineage.environment().ifPresent(e -> {
            ObjectNode n = o.putObject("environment").put("jvmVendor", e.jvmVendor()).put("jvmVersion", e.jvmVersion())
                    .put("os", e.os()).put("architecture", e.architecture())
                    .put("registryVersion", e.registryVersion());
            ObjectNode libraries = n.putObject("libraries");
            e.libraries().forEach(libraries::put);
        });
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
