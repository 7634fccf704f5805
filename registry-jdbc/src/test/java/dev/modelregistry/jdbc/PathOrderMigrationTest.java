package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.FileEntry;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.JournalHashes;
import dev.modelregistry.spi.VersionDigests;
import dev.modelregistry.testkit.Databases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Migration 4 on every database: versions stored at schema version 2 with their files in
 * whole-string order get the component-wise order and the digest it gives; the others are not
 * touched. The rows are written as the library before the migration wrote them.
 */
class PathOrderMigrationTest {

    /** A digest the migration never computes, so that a version it rewrote would show. */
    private static final String UNTOUCHED = "0".repeat(63) + "1";

    private Databases.Scratch scratch;
    private Jdbi jdbi;
    private Dialect dialect;

    @AfterEach
    void dropDatabase() throws SQLException {
        if (scratch != null) {
            scratch.close();
        } else if (jdbi != null) {
            jdbi.useHandle(h -> {
                try (Statement s = h.getConnection().createStatement()) {
                    s.execute("SHUTDOWN");
                }
            });
        }
    }

    /** A database at schema version 2, as the library before migration 4 left it. */
    private void atVersion2(Dialect kind) {
        dialect = kind;
        switch (kind) {
            case H2 -> jdbi = Jdbi.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
            case POSTGRESQL, MARIADB -> {
                Databases.Server server = Databases.require(
                        kind == Dialect.POSTGRESQL ? Databases.Kind.POSTGRESQL : Databases.Kind.MARIADB);
                scratch = server.createScratch();
                jdbi = Jdbi.create(scratch::connect);
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        Migrations.apply(jdbi, dialect, 2);
        int version = jdbi.withHandle(h -> h.createQuery("SELECT MAX(version_number) FROM schema_version")
                .mapTo(Integer.class).one());
        assertThat(version).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aVersionStoredInWholeStringOrderGetsTheModelSigningOrderAndDigest(Dialect kind) {
        atVersion2(kind);
        // Whole strings: "a-b" < "a.b" < "a/b"; component by component: "a/b" < "a-b" < "a.b".
        List<String> oldOrder = List.of("a-b", "a.b", "a/b");
        jdbi.useHandle(h -> {
            insertModel(h, "signed", 2);
            insertVersion(h, "signed", 1, oldOrder, wholeStringDigest(oldOrder));
            // Same order either way: left as it is, digest included.
            insertVersion(h, "signed", 2, List.of("a/b", "b"), UNTOUCHED);
        });

        Migrations.apply(jdbi, dialect);

        assertThat(files("signed", 1)).containsExactly("a/b", "a-b", "a.b");
        assertThat(indexes("signed", 1)).containsExactly(0, 1, 2);
        assertThat(digest("signed", 1))
                .isEqualTo(sha256Of(List.of(sha("a/b"), sha("a-b"), sha("a.b"))))
                .isEqualTo(VersionDigests.manifest(entries(oldOrder)))
                .isNotEqualTo(wholeStringDigest(oldOrder));
        assertThat(files("signed", 2)).containsExactly("a/b", "b");
        assertThat(digest("signed", 2)).isEqualTo(UNTOUCHED);
        String step = jdbi.withHandle(h -> h.createQuery("SELECT script FROM schema_version WHERE version_number = 4")
                .mapTo(String.class).one());
        assertThat(step).isEqualTo("V4__path_order_digests");
        List<JournalEntry> journal = jdbi.withHandle(h -> JournalSql.after(h, 0, 10));
        assertThat(journal).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(Operations.VERSION_DIGEST_CORRECTED);
            assertThat(e.subject()).isEqualTo("signed@1");
            assertThat(e.principal()).isEqualTo(PathOrderMigration.PRINCIPAL);
            assertThat(e.details()).contains("\"old\":\"" + wholeStringDigest(oldOrder) + "\"")
                    .contains("\"new\":\"" + digest("signed", 1) + "\"");
            assertThat(JournalHashes.hashOf(e)).isEqualTo(e.hash());
        });
        assertThat(jdbi.withHandle(JournalSql::head).hash()).isEqualTo(journal.get(0).hash());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void everySliceOfManyModelsAndOfALargeModelIsCheckedAndOnlyVersionsOutOfOrderAreWritten(Dialect kind) {
        atVersion2(kind);
        int smallModels = 600;
        int largeVersions = 2 * PathOrderMigration.VERSIONS_PER_SLICE + 500;
        List<Integer> largeAffected = List.of(1, PathOrderMigration.VERSIONS_PER_SLICE,
                PathOrderMigration.VERSIONS_PER_SLICE + 1, 2 * PathOrderMigration.VERSIONS_PER_SLICE, largeVersions);
        Map<String, List<Integer>> affected = new TreeMap<>();
        jdbi.useHandle(h -> h.useTransaction(t -> {
            Rows rows = new Rows(t);
            for (int m = 0; m < smallModels; m++) {
                String name = String.format("m%04d", m);
                insertModel(t, name, 1);
                boolean outOfOrder = m % 7 == 3;
                rows.version(name, 1, outOfOrder);
                if (outOfOrder) {
                    affected.computeIfAbsent(name, x -> new ArrayList<>()).add(1);
                }
            }
            insertModel(t, "large", largeVersions);
            for (int v = 1; v <= largeVersions; v++) {
                rows.version("large", v, largeAffected.contains(v));
            }
            affected.put("large", largeAffected);
            rows.execute();
        }));

        Migrations.apply(jdbi, dialect);

        List<String> corrected = new ArrayList<>();
        List<String> sortedPaths = List.of("w/l1/0.bin", "w/l1-0.bin", "w/l10.bin");
        jdbi.useHandle(h -> h.createQuery("SELECT model_name, version_number, digest FROM versions WHERE digest <> :untouched")
                .bind("untouched", UNTOUCHED)
                .map((rs, ctx) -> {
                    String model = rs.getString(1);
                    int version = rs.getInt(2);
                    assertThat(rs.getString(3)).as(model + " v" + version)
                            .isEqualTo(VersionDigests.manifest(entries(sortedPaths)));
                    return model + " v" + version;
                })
                .forEach(corrected::add));
        List<String> expected = new ArrayList<>();
        affected.forEach((model, versions) -> versions.forEach(v -> expected.add(model + " v" + v)));
        assertThat(corrected).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(files("large", PathOrderMigration.VERSIONS_PER_SLICE + 1)).containsExactlyElementsOf(sortedPaths);
        assertThat(files("large", 2)).containsExactly("w/l1/0.bin", "w/l10.bin");
        assertThat(files("m0003", 1)).containsExactlyElementsOf(sortedPaths);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void runningTheStepAgainChangesNothing(Dialect kind) {
        atVersion2(kind);
        jdbi.useHandle(h -> {
            insertModel(h, "signed", 1);
            insertVersion(h, "signed", 1, List.of("a-b", "a/b"), wholeStringDigest(List.of("a-b", "a/b")));
        });
        Migrations.apply(jdbi, dialect);
        String digest = digest("signed", 1);

        jdbi.useHandle(h -> PathOrderMigration.apply(h, dialect));

        assertThat(digest("signed", 1)).isEqualTo(digest);
        assertThat(files("signed", 1)).containsExactly("a/b", "a-b");
        assertThat(indexes("signed", 1)).containsExactly(0, 1);
    }

    /** Batched inserts of versions whose files are stored in whole-string order, out of order or not. */
    private static final class Rows {
        private final PreparedBatch versions;
        private final PreparedBatch files;

        Rows(Handle h) {
            versions = h.prepareBatch("INSERT INTO versions (model_name, version_number, stage, description, digest,"
                    + " created_by, created_at) VALUES (:model, :version, 'DEVELOPMENT', '', :digest, 'bob', 0)");
            files = h.prepareBatch("INSERT INTO version_files (model_name, version_number, file_path, file_index,"
                    + " size_bytes, sha256) VALUES (:model, :version, :path, :index, 1, :sha256)");
        }

        void version(String model, int version, boolean outOfOrder) {
            // Whole strings: "w/l1-0.bin" < "w/l1/0.bin" < "w/l10.bin"; by component "w/l1/0.bin" comes first.
            List<String> paths = outOfOrder ? List.of("w/l1-0.bin", "w/l1/0.bin", "w/l10.bin")
                    : List.of("w/l1/0.bin", "w/l10.bin");
            versions.bind("model", model).bind("version", version)
                    .bind("digest", outOfOrder ? wholeStringDigest(paths) : UNTOUCHED).add();
            for (int i = 0; i < paths.size(); i++) {
                files.bind("model", model).bind("version", version).bind("path", paths.get(i)).bind("index", i)
                        .bind("sha256", sha(paths.get(i))).add();
            }
        }

        void execute() {
            versions.execute();
            files.execute();
        }
    }

    private static void insertModel(Handle h, String model, int versions) {
        h.execute("INSERT INTO models (model_name, description, created_by, created_at, next_version)"
                + " VALUES (?, '', 'bob', 0, ?)", model, versions + 1);
    }

    /** Inserts a version with its files indexed in the order given. */
    private static void insertVersion(Handle h, String model, int version, List<String> paths, String digest) {
        h.execute("INSERT INTO versions (model_name, version_number, stage, description, digest, created_by, created_at)"
                + " VALUES (?, ?, 'DEVELOPMENT', '', ?, 'bob', 0)", model, version, digest);
        for (int i = 0; i < paths.size(); i++) {
            h.execute("INSERT INTO version_files (model_name, version_number, file_path, file_index, size_bytes, sha256)"
                    + " VALUES (?, ?, ?, ?, 1, ?)", model, version, paths.get(i), i, sha(paths.get(i)));
        }
    }

    private List<String> files(String model, int version) {
        return jdbi.withHandle(h -> h.createQuery("SELECT file_path FROM version_files"
                        + " WHERE model_name = :model AND version_number = :version ORDER BY file_index")
                .bind("model", model).bind("version", version).mapTo(String.class).list());
    }

    private List<Integer> indexes(String model, int version) {
        return jdbi.withHandle(h -> h.createQuery("SELECT file_index FROM version_files"
                        + " WHERE model_name = :model AND version_number = :version ORDER BY file_index")
                .bind("model", model).bind("version", version).mapTo(Integer.class).list());
    }

    private String digest(String model, int version) {
        return jdbi.withHandle(h -> h.createQuery("SELECT digest FROM versions WHERE model_name = :model"
                        + " AND version_number = :version")
                .bind("model", model).bind("version", version).mapTo(String.class).one());
    }

    /** A file's content digest in these tests: SHA-256 of its path. */
    private static String sha(String path) {
        return HexFormat.of().formatHex(sha256().digest(path.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<FileEntry> entries(List<String> paths) {
        return paths.stream().map(p -> new FileEntry(p, 1, sha(p))).toList();
    }

    /** The digest as the library before migration 4 computed it: the files in the order given. */
    private static String wholeStringDigest(List<String> pathsInWholeStringOrder) {
        return sha256Of(pathsInWholeStringOrder.stream().map(PathOrderMigrationTest::sha).toList());
    }

    private static String sha256Of(List<String> hexDigests) {
        MessageDigest md = sha256();
        hexDigests.forEach(d -> md.update(HexFormat.of().parseHex(d)));
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
