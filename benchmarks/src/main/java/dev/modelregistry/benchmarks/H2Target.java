package dev.modelregistry.benchmarks;

import dev.modelregistry.jdbc.JdbcMetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded H2 file database in a scratch directory, opened by the store through
 * {@link JdbcMetadataStore#h2File(Path)}, the embedded default's own settings (durable commits,
 * {@code AUTO_SERVER}).
 */
final class H2Target implements TargetDatabase {

    private final Path dir;
    private final Path file;

    H2Target(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.file = dir.resolve("metadata");
    }

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public JdbcMetadataStore openStore() {
        return JdbcMetadataStore.h2File(file);
    }

    @Override
    public Connection connectForLoading() throws SQLException {
        // The store is closed while loading, so this connection opens the file in this process alone.
        return DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath(), "sa", "");
    }

    @Override
    public void analyze(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    @Override
    public String settings(Connection c) throws SQLException {
        StringBuilder out = new StringBuilder("H2 ").append(c.getMetaData().getDatabaseProductVersion());
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            if (rs.next()) {
                out.append(", page cache ").append(rs.getString(1)).append(" MiB (H2's default)");
            }
        }
        return out.append(", opened by JdbcMetadataStore.h2File (WRITE_DELAY=0, CHECKPOINT SYNC after every write"
                + " commit)").toString();
    }

    @Override
    public long sizeBytes() {
        try {
            return Files.size(dir.resolve("metadata.mv.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Workspace.delete(dir);
    }
}
