package dev.modelregistry.jdbc;

import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalQuery;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.JournalHashes;
import dev.modelregistry.spi.JournalHead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of the {@code journal} and {@code journal_head} tables (see {@code V3__journal.sql}).
 *
 * <p>Appending locks the head row, and is the last thing a write transaction does: the lock is held
 * until the commit, so the next writer reads the head this one committed, sequences have no gaps,
 * and a reader never sees entry {@code n + 1} before entry {@code n}. Holding it only from the
 * append to the commit keeps the global serialization as short as the write allows.
 * The head row moves before the entries are inserted, so the lock comes first. Registry-level
 * change sets (the lifecycle, webhook subscriptions) take the lock earlier, before their checks
 * ({@link LockedModels#lock}); they are rare.
 */
final class JournalSql {

    private static final String COLUMNS = "seq, at_millis, principal, operation, model_name, version_number,"
            + " details, request_id, previous_hash, entry_hash";

    private static final RowMapper<JournalEntry> ENTRY = (rs, ctx) -> new JournalEntry(rs.getLong(1),
            Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));

    private JournalSql() {
    }

    /**
     * Appends the entries of the change sets, in order, after the head and moves the head; returns
     * each change set's entries. With a guess of the head (the one this store last wrote), the
     * head is moved by one statement that holds only if the guess is still the head, which saves
     * reading it first; if another writer moved it since, it is read under its lock as without one.
     *
     * @param inserted the version each change set inserted, or 0, by position
     * @param guess    the head this store last wrote, updated here; null for none
     */
    static List<List<JournalEntry>> append(Handle h, List<ChangeSet> changeSets, int[] inserted, HeadGuess guess) {
        JournalHead guessed = guess == null ? null : guess.get();
        if (guessed != null) {
            Appended appended = Appended.after(guessed, changeSets, inserted);
            if (appended.entries.isEmpty() || h.createUpdate("UPDATE journal_head SET seq = :seq, entry_hash = :hash"
                            + " WHERE head_id = 1 AND seq = :guessedSeq AND entry_hash = :guessedHash")
                    .bind("seq", appended.head.sequence())
                    .bind("hash", appended.head.hash())
                    .bind("guessedSeq", guessed.sequence())
                    .bind("guessedHash", guessed.hash())
                    .execute() == 1) {
                return appended.insert(h, guess);
            }
        }
        JournalHead head = h.createQuery("SELECT seq, entry_hash FROM journal_head WHERE head_id = 1 FOR UPDATE")
                .map((rs, ctx) -> new JournalHead(rs.getLong(1), rs.getString(2)))
                .one();
        Appended appended = Appended.after(head, changeSets, inserted);
        if (!appended.entries.isEmpty()) {
            h.createUpdate("UPDATE journal_head SET seq = :seq, entry_hash = :hash WHERE head_id = 1")
                    .bind("seq", appended.head.sequence())
                    .bind("hash", appended.head.hash())
                    .execute();
        }
        return appended.insert(h, guess);
    }

    /**
     * Locks the head row until the transaction ends, before the append, for change sets whose
     * checks must not interleave with another's (see {@link LockedModels#lock}).
     */
    static void lockHead(Handle h) {
        h.createQuery("SELECT seq FROM journal_head WHERE head_id = 1 FOR UPDATE").mapTo(Long.class).one();
    }

    /**
     * The head as this store last wrote it: a guess, right while no other store writes, checked
     * by the statement that moves the head. It may be ahead of the database after a rollback,
     * which the check catches as well. Thread-safe.
     */
    static final class HeadGuess {
        private volatile JournalHead head;

        JournalHead get() {
            return head;
        }
    }

    /** Entries computed after a head, not yet inserted. */
    private record Appended(JournalHead head, List<List<JournalEntry>> byChangeSet, List<JournalEntry> entries) {

        static Appended after(JournalHead head, List<ChangeSet> changeSets, int[] inserted) {
            List<List<JournalEntry>> byChangeSet = new ArrayList<>(changeSets.size());
            List<JournalEntry> all = new ArrayList<>();
            long sequence = head.sequence();
            String previous = head.hash();
            for (int i = 0; i < changeSets.size(); i++) {
                ChangeSet changes = changeSets.get(i);
                List<JournalEntry> entries = new ArrayList<>(changes.entries().size());
                for (EntryDraft draft : changes.entries()) {
                    JournalEntry e = JournalHashes.append(++sequence, changes, draft, inserted[i], previous);
                    entries.add(e);
                    previous = e.hash();
                }
                byChangeSet.add(entries);
                all.addAll(entries);
            }
            return new Appended(new JournalHead(sequence, previous), byChangeSet, all);
        }

        List<List<JournalEntry>> insert(Handle h, HeadGuess guess) {
            if (!entries.isEmpty()) {
                PreparedBatch batch = h.prepareBatch("INSERT INTO journal (" + COLUMNS + ") VALUES (:seq, :at,"
                        + " :principal, :operation, :model, :version, :details, :request, :previous, :hash)");
                for (JournalEntry e : entries) {
                    batch.bind("seq", e.sequence()).bind("at", e.at().toEpochMilli()).bind("principal", e.principal())
                            .bind("operation", e.operation()).bind("model", e.model()).bind("version", e.version())
                            .bind("details", e.details()).bind("request", e.requestId())
                            .bind("previous", e.previousHash()).bind("hash", e.hash()).add();
                }
                batch.execute();
            }
            if (guess != null) {
                guess.head = head;
            }
            return byChangeSet;
        }
    }

    /**
     * What an earlier attempt of the change set committed, if it did: its entries carry its request
     * id. The caller has locked the change set's models, so an attempt still running has ended.
     */
    static Optional<AppliedChange> applied(Handle h, ChangeSet changes) {
        List<JournalEntry> entries = h.createQuery("SELECT " + COLUMNS + " FROM journal WHERE request_id = :request"
                        + " ORDER BY seq")
                .bind("request", changes.requestId())
                .map(ENTRY)
                .list();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        int inserted = 0;
        for (int i = 0; i < changes.entries().size() && i < entries.size(); i++) {
            if (changes.entries().get(i).ofInsertedVersion()) {
                inserted = entries.get(i).version();
            }
        }
        return Optional.of(new AppliedChange(entries, inserted));
    }

    static List<JournalEntry> after(Handle h, long sequence, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM journal WHERE seq > :after ORDER BY seq LIMIT :limit")
                .bind("after", sequence)
                .bind("limit", limit)
                .map(ENTRY)
                .list();
    }

    /**
     * The entries an audit query selects, in one statement: which conditions it has decides which
     * clauses the statement has, and every value is a bind parameter. The conditions on principal,
     * version and operation each have an index that ends with {@code seq} ({@code V14__journal_query.sql}),
     * the model alone has {@code ix_journal_model}, so the database reads the matching rows in sequence
     * order from the cursor and stops at the limit; a time range is checked on those rows.
     */
    static List<JournalEntry> query(Handle h, JournalQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM journal WHERE seq > :after");
        q.model().ifPresent(m -> sql.append(" AND model_name = :model"));
        if (q.version() > 0) {
            sql.append(" AND version_number = :version");
        }
        q.principal().ifPresent(p -> sql.append(" AND principal = :principal"));
        if (!q.operations().isEmpty()) {
            sql.append(" AND operation IN (<operations>)");
        }
        q.from().ifPresent(f -> sql.append(" AND at_millis >= :from"));
        q.until().ifPresent(u -> sql.append(" AND at_millis < :until"));
        sql.append(" ORDER BY seq LIMIT :limit");
        Query statement = h.createQuery(sql.toString()).bind("after", q.after()).bind("limit", q.limit());
        q.model().ifPresent(m -> statement.bind("model", m));
        if (q.version() > 0) {
            statement.bind("version", q.version());
        }
        q.principal().ifPresent(p -> statement.bind("principal", p));
        if (!q.operations().isEmpty()) {
            statement.bindList("operations", new TreeSet<>(q.operations()).stream().toList());
        }
        q.from().ifPresent(f -> statement.bind("from", millisUpFrom(f)));
        q.until().ifPresent(u -> statement.bind("until", millisUpFrom(u)));
        return statement.map(ENTRY).list();
    }

    /**
     * The first whole millisecond at or after {@code t}: a row's millisecond is at or after {@code t}
     * (or before it) exactly when it is at or after (before) this one, as {@link JournalQuery#matches}
     * compares instants. Instants beyond the range of milliseconds are clamped to it.
     */
    static long millisUpFrom(Instant t) {
        try {
            long floor = t.toEpochMilli();
            return t.getNano() % 1_000_000 == 0 ? floor : Math.addExact(floor, 1);
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static JournalHead head(Handle h) {
        return h.createQuery("SELECT seq, entry_hash FROM journal_head WHERE head_id = 1")
                .map((rs, ctx) -> new JournalHead(rs.getLong(1), rs.getString(2)))
                .findOne()
                .orElse(JournalHead.EMPTY);
    }

    static Optional<JournalEntry> withHash(Handle h, String hash) {
        return h.createQuery("SELECT " + COLUMNS + " FROM journal WHERE entry_hash = :hash ORDER BY seq")
                .bind("hash", hash)
                .map(ENTRY)
                .findFirst();
    }

    /** The entries about a model with one of the operations, in sequence order (index {@code ix_journal_model}). */
    static List<JournalEntry> of(Handle h, String model, Set<String> operations) {
        if (operations.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT " + COLUMNS + " FROM journal WHERE model_name = :model"
                        + " AND operation IN (<operations>) ORDER BY seq")
                .bind("model", model)
                .bindList("operations", List.copyOf(operations))
                .map(ENTRY)
                .list();
    }
}
