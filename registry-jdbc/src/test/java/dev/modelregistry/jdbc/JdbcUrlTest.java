package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.StorageException;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a store is chosen and opened from a JDBC URL, without a database server. */
class JdbcUrlTest {

    @TempDir
    Path directory;

    @Test
    void theDialectFollowsTheUrl() {
        assertThat(Dialect.ofUrl("jdbc:postgresql://db/registry")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.ofUrl("jdbc:mariadb://db/registry")).isEqualTo(Dialect.MARIADB);
        assertThat(Dialect.ofUrl("jdbc:mysql://db/registry")).isEqualTo(Dialect.MARIADB);
        assertThat(Dialect.ofUrl("JDBC:H2:mem:x")).isEqualTo(Dialect.H2);
        assertThat(Dialect.ofUrl("jdbc:oracle:thin:@db:1521/x")).isNull();
    }

    @Test
    void anUnsupportedDatabaseIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> JdbcMetadataStore.create("jdbc:sqlserver://db;user=a;password=s3cret", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:sqlserver://db")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anUnreachableServerFailsSoonWithAStorageExceptionNamingTheUrlButNotThePassword() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> JdbcMetadataStore.create(
                "jdbc:postgresql://127.0.0.1:1/registry?password=s3cret&connectTimeout=2", "alice", null))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/registry")
                .hasMessageNotContaining("s3cret");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void passwordsInUrlsAreMaskedForMessages() {
        assertThat(ServerPool.redacted("jdbc:postgresql://h/db?user=a&password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
        assertThat(ServerPool.redacted("jdbc:mariadb://h/db?PASSWORD=x")).isEqualTo("jdbc:mariadb://h/db?PASSWORD=***");
    }

    @Test
    void onlyH2FileDatabasesSyncEachCommit() {
        Transactions.Hooks none = Transactions.Hooks.NONE;
        JdbcConnectionPool memory = JdbcConnectionPool.create("jdbc:h2:mem:sync-test", "sa", "");
        JdbcConnectionPool file = JdbcConnectionPool.create(
                "jdbc:h2:file:" + directory.resolve("metadata").toAbsolutePath(), "sa", "");
        try {
            assertThat(CommitSync.around(Jdbi.create(memory), Dialect.H2, none)).isSameAs(none);
            assertThat(CommitSync.around(Jdbi.create(file), Dialect.POSTGRESQL, none)).isSameAs(none);
            Transactions.Hooks syncing = CommitSync.around(Jdbi.create(file), Dialect.H2, none);
            assertThat(syncing).isNotSameAs(none);
            Jdbi.create(file).useHandle(syncing::afterWriteCommit);
        } finally {
            memory.dispose();
            file.dispose();
        }
    }
}
