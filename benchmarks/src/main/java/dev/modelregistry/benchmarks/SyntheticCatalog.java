package dev.modelregistry.benchmarks;

import dev.modelregistry.FileEntry;
import dev.modelregistry.StandardStage;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.VersionDigests;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The made-up registry the metadata benchmark loads: {@code models} models named
 * {@code model-00000}, … with {@code versionsPerModel} versions each, every version with four params,
 * three metrics, three tags (team, dataset and a selective batch) and one or two files, in the stages a real model's history leaves behind.
 * Everything is a function of (model, version), so the bulk loader and the checks agree without
 * keeping anything in memory.
 *
 * <p>Stages per model: the newest version is in DEVELOPMENT, the one before in STAGING, the one
 * before that in PRODUCTION (so exactly one per model), every fifth older version was in
 * production once and is ARCHIVED, and the rest never left DEVELOPMENT.
 *
 * <p>Files point at a small pool of tiny blobs ({@link #storeBlobs}), so that they exist in the
 * artifact store and a loaded version reads back like a registered one.
 */
final class SyntheticCatalog {

    static final String CREATED_BY = "bench-loader";
    static final long FIRST_CREATED_AT = 1_700_000_000_000L;
    private static final String[] TEAMS = {"risk", "search", "ads", "fraud", "vision", "speech", "ranking", "ops"};
    private static final int BLOB_POOL = 256;
    /** Values of the {@code batch} tag, a selective one: 500 versions each at 1M versions. */
    static final int BATCHES = 2000;

    private final int models;
    private final int versionsPerModel;
    private final List<FileEntry> blobs;

    /** A version as the loader writes it; stage names are those of the standard lifecycle. */
    record Version(int number, StandardStage stage, Map<String, String> params, Map<String, Double> metrics,
                   Map<String, String> tags, List<FileEntry> files, String digest, long createdAt) {
    }

    SyntheticCatalog(int models, int versionsPerModel) {
        if (versionsPerModel < 3) {
            throw new IllegalArgumentException("need at least 3 versions per model for the stages, got "
                    + versionsPerModel);
        }
        this.models = models;
        this.versionsPerModel = versionsPerModel;
        List<FileEntry> pool = new ArrayList<>(BLOB_POOL);
        for (int i = 0; i < BLOB_POOL; i++) {
            byte[] content = blobContent(i);
            pool.add(new FileEntry("", content.length, HexFormat.of().formatHex(sha256().digest(content))));
        }
        this.blobs = List.copyOf(pool);
    }

    int models() {
        return models;
    }

    int versionsPerModel() {
        return versionsPerModel;
    }

    long totalVersions() {
        return (long) models * versionsPerModel;
    }

    static String modelName(int model) {
        return String.format(Locale.ROOT, "model-%05d", model);
    }

    /** Puts the blobs that loaded versions refer to into the artifact store the registry reads from. */
    void storeBlobs(ArtifactStore store) {
        for (int i = 0; i < BLOB_POOL; i++) {
            store.put(new ByteArrayInputStream(blobContent(i)));
        }
    }

    Version version(int model, int number) {
        long serial = (long) model * versionsPerModel + number;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("max_depth", Integer.toString(2 + number % 10));
        params.put("learning_rate", "0.0" + (1 + number % 9));
        params.put("n_estimators", Integer.toString(100 * (1 + number % 5)));
        params.put("seed", Long.toString(serial));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("auc", 0.5 + (serial * 7919 % 5000) / 10_000.0);
        metrics.put("logloss", (serial * 104_729 % 10_000) / 10_000.0);
        metrics.put("accuracy", 0.6 + (serial * 1299 % 4000) / 10_000.0);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", TEAMS[model % TEAMS.length]);
        tags.put("dataset", "ds-" + number % 20);
        tags.put("batch", "batch-" + serial % BATCHES);
        // In VersionDigests.FILE_ORDER, as the core orders them: "config.json" < "model.onnx".
        List<FileEntry> files = new ArrayList<>(2);
        if (number % 2 == 1) {
            files.add(file("config.json", (int) (serial * 31 % BLOB_POOL)));
        }
        files.add(file("model.onnx", (int) (serial % BLOB_POOL)));
        return new Version(number, stage(number), params, metrics, tags, files, VersionDigests.manifest(files),
                FIRST_CREATED_AT + serial * 1000);
    }

    private StandardStage stage(int number) {
        int fromNewest = versionsPerModel - number;
        return switch (fromNewest) {
            case 0 -> StandardStage.DEVELOPMENT;
            case 1 -> StandardStage.STAGING;
            case 2 -> StandardStage.PRODUCTION;
            default -> number % 5 == 0 ? StandardStage.ARCHIVED : StandardStage.DEVELOPMENT;
        };
    }

    private FileEntry file(String path, int blob) {
        FileEntry b = blobs.get(blob);
        return new FileEntry(path, b.size(), b.sha256());
    }

    private static byte[] blobContent(int i) {
        return ("synthetic model blob " + i + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
