package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.spi.VersionRecord;
import dev.modelregistry.testkit.StoreOps;
import dev.modelregistry.testkit.StoreOps.NewModel;
import dev.modelregistry.testkit.StoreOps.TransitionRequest;
import dev.modelregistry.testkit.StoreOps.VersionUpdate;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A connection that breaks during {@code COMMIT} leaves the outcome unknown, and the store retries
 * without applying the write twice. The database here is real (in-memory H2); only the moment of
 * the break is staged, by a data source whose connections can be told to break at their next
 * commit, after it took effect ({@link Break#AFTER_COMMIT}) or before ({@link Break#BEFORE_COMMIT}).
 * A killed embedded H2 host does both, at random; see the multi-process tests of registry-embedded.
 */
class InterruptedCommitTest {

    private static final Instant AT = Instant.parse("2024-05-01T10:15:30.123Z");

    private final BreakingDataSource dataSource = new BreakingDataSource();
    private JdbcMetadataStore store;

    @BeforeEach
    void open() {
        store = JdbcMetadataStore.create(dataSource);
    }

    @AfterEach
    void close() {
        store.close();
        dataSource.shutDown();
    }

    @Nested
    class WhenTheCommitTookEffect {

        @Test
        void aRegistrationIsReturnedOnceAndNotInsertedAgain() {
            StoreOps.of(store).insert(KillNineWriter.version(0));
            dataSource.breakNextCommit(Break.AFTER_COMMIT);

            VersionRecord second = StoreOps.of(store).insert(KillNineWriter.version(1));

            assertThat(dataSource.broken()).isTrue();
            assertThat(second.version()).isEqualTo(2);
            assertThat(second.params()).containsEntry("i", "1");
            assertThat(store.versions("durable")).hasSize(2);
            assertThat(StoreOps.of(store).insert(KillNineWriter.version(2)).version()).isEqualTo(3);
        }

        @Test
        void theFirstRegistrationOfANewModelIsReturnedOnce() {
            dataSource.breakNextCommit(Break.AFTER_COMMIT);

            VersionRecord first = StoreOps.of(store).insert(KillNineWriter.version(0));

            assertThat(dataSource.broken()).isTrue();
            assertThat(first.version()).isEqualTo(1);
            assertThat(store.versions("durable")).hasSize(1);
            assertThat(store.model("durable").orElseThrow().latestVersion()).isEqualTo(1);
        }

        @Test
        void aPromotionIsRecordedOnceInsteadOfConflictingWithItself() {
            StoreOps.of(store).insert(KillNineWriter.version(0));
            StoreOps.of(store).insert(KillNineWriter.version(1));
            StoreOps.of(store).transition(promote(1));
            dataSource.breakNextCommit(Break.AFTER_COMMIT);

            VersionRecord promoted = StoreOps.of(store).transition(promote(2));

            assertThat(dataSource.broken()).isTrue();
            assertThat(promoted.stage()).isEqualTo("PRODUCTION");
            assertThat(store.transitions("durable", 2)).hasSize(1);
            assertThat(store.transitions("durable", 1)).extracting(t -> t.to())
                    .containsExactly("PRODUCTION", "ARCHIVED");
        }

        @Test
        void anUpdateIsRecordedOnce() {
            StoreOps.of(store).insert(KillNineWriter.version(0));
            dataSource.breakNextCommit(Break.AFTER_COMMIT);

            VersionRecord updated = StoreOps.of(store).update(new VersionUpdate("durable", 1, "best so far",
                    Map.of("reviewed", "yes"), Set.of(), "dave", AT));

            assertThat(dataSource.broken()).isTrue();
            assertThat(updated.description()).isEqualTo("best so far");
            assertThat(store.changes("durable", 1)).hasSize(2);
        }

        @Test
        void aCreatedModelIsReturnedInsteadOfReportedAsTaken() {
            dataSource.breakNextCommit(Break.AFTER_COMMIT);

            var model = StoreOps.of(store).createModel(new NewModel("fraud", "detector", Map.of(), "alice", AT));

            assertThat(dataSource.broken()).isTrue();
            assertThat(model.name()).isEqualTo("fraud");
            assertThat(store.models()).hasSize(1);
        }
    }

    @Nested
    class WhenTheCommitDidNotTakeEffect {

        @Test
        void aRegistrationIsAppliedByTheRetry() {
            StoreOps.of(store).insert(KillNineWriter.version(0));
            dataSource.breakNextCommit(Break.BEFORE_COMMIT);

            VersionRecord second = StoreOps.of(store).insert(KillNineWriter.version(1));

            assertThat(dataSource.broken()).isTrue();
            assertThat(second.version()).isEqualTo(2);
            assertThat(store.versions("durable")).extracting(VersionRecord::version).containsExactly(2, 1);
        }

        @Test
        void aPromotionIsAppliedByTheRetry() {
            StoreOps.of(store).insert(KillNineWriter.version(0));
            dataSource.breakNextCommit(Break.BEFORE_COMMIT);

            VersionRecord promoted = StoreOps.of(store).transition(promote(1));

            assertThat(dataSource.broken()).isTrue();
            assertThat(promoted.stage()).isEqualTo("PRODUCTION");
            assertThat(store.transitions("durable", 1)).hasSize(1);
        }
    }

    private static TransitionRequest promote(int version) {
        return new TransitionRequest("durable", version, "DEVELOPMENT", "PRODUCTION", "ARCHIVED", "carol", AT,
                "promote");
    }

    /** Where a staged break happens relative to the commit. */
    enum Break { BEFORE_COMMIT, AFTER_COMMIT }

    /**
     * Connections to a private in-memory H2 database; the next commit after
     * {@link #breakNextCommit} breaks its connection the way a lost server does: the connection
     * is closed and the caller gets a connection exception (SQLState 08006).
     */
    static final class BreakingDataSource extends DelegatingDataSource {

        private final JdbcDataSource h2 = new JdbcDataSource();
        private final AtomicReference<Break> armed = new AtomicReference<>();
        private volatile boolean broken;

        BreakingDataSource() {
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
            h2.setUser("sa");
            h2.setPassword("");
        }

        void breakNextCommit(Break when) {
            broken = false;
            armed.set(when);
        }

        boolean broken() {
            return broken;
        }

        void shutDown() {
            try (Connection c = h2.getConnection()) {
                c.createStatement().execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = h2.getConnection();
            InvocationHandler handler = new InvocationHandler() {
                private boolean dead;

                @Override
                public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                    String name = method.getName();
                    if (dead && !name.equals("close") && !name.equals("isClosed")) {
                        throw new SQLNonTransientConnectionException("connection is closed (staged)", "08003");
                    }
                    if (name.equals("commit")) {
                        Break when = armed.getAndSet(null);
                        if (when != null) {
                            if (when == Break.AFTER_COMMIT) {
                                real.commit();
                            } else {
                                real.rollback();
                            }
                            real.close();
                            dead = true;
                            broken = true;
                            throw new SQLNonTransientConnectionException("connection lost during commit (staged)",
                                    "08006");
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        }
    }

    /** The parts of {@link DataSource} the store does not use. */
    abstract static class DelegatingDataSource implements DataSource {

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
