package dev.modelregistry.core;

import dev.modelregistry.Evaluation;
import dev.modelregistry.Model;
import dev.modelregistry.ModelChange;
import dev.modelregistry.VersionChange;
import dev.modelregistry.VersionRef;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.events.ConsumerStatus;
import dev.modelregistry.events.DeliveryAttempt;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalQuery;
import dev.modelregistry.search.Filter;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.Capability;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.JournalHashes;
import dev.modelregistry.spi.JournalHead;
import dev.modelregistry.spi.LineageReader.LineageNode;
import dev.modelregistry.spi.LineageReader.LineageStep;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.RequestRecord;
import dev.modelregistry.spi.SearchHit;
import dev.modelregistry.spi.SearchRequest;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.VersionRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link MetadataStore} that keeps everything in memory; the reference implementation of the
 * metadata SPI, for tests and throw-away registries. Nothing survives {@link #close()} or the end
 * of the process, so it declares no {@linkplain Capability capability}.
 *
 * <p>Like the database-backed stores it keeps instants to millisecond precision, so code tested
 * against it sees what it would see in production. This class is thread-safe: one lock serializes
 * every operation, which keeps each change set atomic and is fast enough for the sizes an
 * in-memory registry holds. It is not shared between processes. After {@link #close()} every
 * operation throws {@link IllegalStateException}.
 */
public final class InMemoryMetadataStore implements MetadataStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final MemoryState state = new MemoryState();
    private final MemoryLineage lineage = new MemoryLineage(state);
    private final MemorySearch search = new MemorySearch(state);
    private final List<JournalEntry> journal = new ArrayList<>();
    private final MemoryLedger ledger = new MemoryLedger();
    private boolean closed;

    /** Creates an empty store. */
    public InMemoryMetadataStore() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.modelregistry.spi.ChangeConflictException if a precondition does not hold
     */
    @Override
    public AppliedChange apply(ChangeSet changes) {
        Objects.requireNonNull(changes, "changes");
        return locked(() -> {
            changes.preconditions().forEach(state::check);
            state.checkApplicable(changes.mutations());
            Instant at = millis(changes.at());
            int inserted = 0;
            for (Mutation m : changes.mutations()) {
                int number = state.apply(m, changes.principal(), at);
                inserted = number == 0 ? inserted : number;
            }
            ChangeSet stamped = new ChangeSet(changes.requestId(), changes.principal(), at, changes.preconditions(),
                    changes.mutations(), changes.entries());
            List<JournalEntry> appended = new ArrayList<>();
            for (EntryDraft draft : changes.entries()) {
                JournalEntry entry = JournalHashes.append(journal.size() + 1L, stamped, draft, inserted,
                        journal.isEmpty() ? JournalHashes.GENESIS : journal.get(journal.size() - 1).hash());
                journal.add(entry);
                appended.add(entry);
            }
            return new AppliedChange(appended, inserted);
        });
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public Optional<Model> model(String name) {
        return locked(() -> state.model(name).map(MemoryState.ModelState::toModel));
    }

    @Override
    public List<Model> models() {
        return locked(state::models);
    }

    @Override
    public Optional<String> lifecycle() {
        return locked(() -> Optional.ofNullable(state.lifecycle));
    }

    @Override
    public Set<String> stagesInUse() {
        return locked(() -> {
            Set<String> stages = new TreeSet<>();
            for (Model m : state.models()) {
                state.model(m.name()).ifPresent(ms -> ms.versions.values().forEach(v -> stages.add(v.stage)));
            }
            return stages;
        });
    }

    @Override
    public SortedMap<String, Integer> aliases(String model) {
        return locked(() -> state.model(model).map(m -> (SortedMap<String, Integer>) new TreeMap<>(m.aliases))
                .orElseGet(TreeMap::new));
    }

    @Override
    public Optional<VersionRecord> version(String model, int version) {
        return locked(() -> state.find(model, version).map(MemoryState.VersionState::toRecord));
    }

    @Override
    public Optional<VersionRecord> latestVersion(String model) {
        return locked(() -> state.model(model)
                .flatMap(m -> m.versions.descendingMap().values().stream().findFirst())
                .map(MemoryState.VersionState::toRecord));
    }

    @Override
    public Optional<VersionRecord> newestInStage(String model, String stage) {
        return locked(() -> state.model(model)
                .flatMap(m -> m.versions.descendingMap().values().stream()
                        .filter(v -> v.stage.equals(stage))
                        .findFirst())
                .map(MemoryState.VersionState::toRecord));
    }

    @Override
    public List<Integer> versionsInStage(String model, String stage) {
        return locked(() -> state.model(model)
                .map(m -> m.versions.values().stream().filter(v -> v.stage.equals(stage)).map(v -> v.number)
                        .toList())
                .orElseGet(List::of));
    }

    @Override
    public List<VersionRecord> versions(String model) {
        return locked(() -> state.model(model)
                .map(m -> m.versions.descendingMap().values().stream().map(MemoryState.VersionState::toRecord)
                        .toList())
                .orElseGet(List::of));
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        return locked(() -> search.search(request));
    }

    @Override
    public long count(Filter filter) {
        return locked(() -> search.count(filter));
    }

    @Override
    public List<VersionRecord> versionsOf(Collection<VersionRef> versions) {
        return locked(() -> search.versionsOf(versions));
    }

    @Override
    public Map<VersionRef, String> lineages(Collection<VersionRef> versions) {
        return locked(() -> lineage.lineages(versions));
    }

    @Override
    public List<LineageNode> datasetUsers(String uriHash, String digest) {
        return locked(() -> lineage.datasetUsers(uriHash, digest));
    }

    @Override
    public List<LineageStep> children(Collection<VersionRef> parents) {
        return locked(() -> lineage.children(parents));
    }

    @Override
    public List<LineageStep> parents(Collection<VersionRef> children) {
        return locked(() -> lineage.parents(children));
    }

    @Override
    public List<TransitionRecord> transitions(String model, int version) {
        return locked(() -> state.find(model, version).map(v -> List.copyOf(v.transitions)).orElseGet(List::of));
    }

    @Override
    public List<VersionChange> changes(String model, int version) {
        return locked(() -> state.find(model, version).map(v -> List.copyOf(v.changes)).orElseGet(List::of));
    }

    @Override
    public List<RequestRecord> requests(String model) {
        return locked(() -> state.model(model).map(m -> m.requests.stream().map(MemoryState.RequestState::toRecord)
                .toList()).orElseGet(List::of));
    }

    @Override
    public List<Evaluation> evaluations(String model, int version) {
        return locked(() -> state.find(model, version).map(v -> List.copyOf(v.evaluations)).orElseGet(List::of));
    }

    @Override
    public List<ModelChange> modelChanges(String model) {
        return locked(() -> state.model(model).map(m -> List.copyOf(m.changes)).orElseGet(List::of));
    }

    @Override
    public List<JournalEntry> journal(long afterSequence, int limit) {
        return locked(() -> {
            int from = (int) Math.min(Math.max(afterSequence, 0), journal.size());
            int to = (int) Math.min(journal.size(), (long) from + Math.max(limit, 0));
            return List.copyOf(journal.subList(from, to));
        });
    }

    @Override
    public JournalHead journalHead() {
        return locked(() -> journal.isEmpty() ? JournalHead.EMPTY
                : new JournalHead(journal.size(), journal.get(journal.size() - 1).hash()));
    }

    @Override
    public Optional<JournalEntry> journalEntryWithHash(String hash) {
        return locked(() -> journal.stream().filter(e -> e.hash().equals(hash)).findFirst());
    }

    @Override
    public List<JournalEntry> journal(JournalQuery query) {
        return locked(() -> {
            int from = (int) Math.min(query.after(), journal.size());
            return journal.subList(from, journal.size()).stream().filter(query::matches).limit(query.limit()).toList();
        });
    }

    @Override
    public List<Grant> grantsOf(Collection<Subject> subjects) {
        Set<Subject> of = Set.copyOf(subjects);
        return locked(() -> state.grants.stream().filter(g -> of.contains(g.subject())).toList());
    }

    @Override
    public List<Grant> grantsOn(Scope scope) {
        return locked(() -> state.grants.stream().filter(g -> g.scope().equals(scope)).toList());
    }

    @Override
    public List<Grant> grants() {
        return locked(() -> List.copyOf(state.grants));
    }

    @Override
    public List<JournalEntry> journalOf(String model, Set<String> operations) {
        return locked(() -> journal.stream().filter(e -> e.model().equals(model) && operations.contains(e.operation()))
                .toList());
    }

    @Override
    public List<dev.modelregistry.events.Webhook> webhooks() {
        return locked(() -> List.copyOf(state.webhooks.values()));
    }

    @Override
    public boolean create(String consumer, long position) {
        return locked(() -> ledger.create(consumer, position));
    }

    @Override
    public Optional<ConsumerStatus> lease(String consumer, String holder, Instant now, Instant until) {
        return locked(() -> ledger.lease(consumer, holder, now, until));
    }

    @Override
    public boolean advance(String consumer, String holder, Instant now, long from, long to) {
        return locked(() -> ledger.advance(consumer, holder, now, from, to));
    }

    @Override
    public boolean pause(String consumer, String holder, Instant now, long position, String reason) {
        return locked(() -> ledger.pause(consumer, holder, now, position, reason));
    }

    @Override
    public void release(String consumer, String holder) {
        locked(() -> {
            ledger.release(consumer, holder);
            return null;
        });
    }

    @Override
    public Optional<ConsumerStatus> consumer(String consumer) {
        return locked(() -> ledger.consumer(consumer));
    }

    @Override
    public Optional<ConsumerStatus> resume(String consumer, long position) {
        return locked(() -> ledger.resume(consumer, position));
    }

    @Override
    public void forget(String consumer) {
        locked(() -> {
            ledger.forget(consumer);
            return null;
        });
    }

    @Override
    public void record(List<DeliveryAttempt> attempts) {
        locked(() -> {
            ledger.record(attempts);
            return null;
        });
    }

    @Override
    public List<DeliveryAttempt> attempts(String consumer, long afterSequence, int limit) {
        return locked(() -> ledger.attempts(consumer, afterSequence, limit));
    }

    @Override
    public Optional<DeliveryAttempt> lastAttempt(String consumer, long sequence) {
        return locked(() -> ledger.lastAttempt(consumer, sequence));
    }

    /** Discards everything. Idempotent; later operations throw {@link IllegalStateException}. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            state.clear();
            journal.clear();
            ledger.clear();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> operation) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The metadata store is closed");
            }
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    /** Truncates like the database stores do, so tests against this store see their precision. */
    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
