package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.VersionRef;
import dev.modelregistry.search.Page;
import dev.modelregistry.search.SearchQuery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process pages through a search with keyset cursors while two others ({@link SearchPagingChild})
 * register versions, move stages and set aliases and tags: what {@link dev.modelregistry.search.Search}
 * promises. Every version that matched at the start (none is deleted, and the filter's tag never
 * changes) comes exactly once, nothing comes twice, and everything that comes matches; versions
 * registered during the walk may or may not come. Subclasses say which backend.
 */
abstract class SearchPagingProcessesContract {

    static final int MODELS = 3;
    static final int VERSIONS = 40;
    static final int PAGE = 7;
    static final String FILTER = "tags.team = 'risk'";
    /** How long the walk waits for the writers to change something between two pages. */
    static final long WRITE_WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private final List<Child> children = new ArrayList<>();

    /** The registry under test, new and empty for each test. */
    protected abstract Backend backend();

    /** Runs after the children are gone, for example to drop a schema they used. */
    protected void afterChildren() {
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        try {
            for (Child child : children) {
                child.killIfAlive();
            }
        } finally {
            afterChildren();
        }
    }

    /** The name of model {@code i} of the test. */
    static String model(int i) {
        return "paged-" + i;
    }

    /** The {@code auc} of draw {@code i}: one of 12 values, so that many versions tie on it. */
    static double auc(int i) {
        return (i % 12 + 1) / 13.0;
    }

    @Test
    void pagesStayExactWhileOtherProcessesRegisterAndPromote() throws Exception {
        Set<VersionRef> initial = new HashSet<>();
        // Four registrations per millisecond, a minute ago: versions tie on created_at, also where a page ends.
        Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        SetClock clock = new SetClock(start);
        try (Registry registry = backend().open("setup", clock)) {
            for (int v = 1; v <= VERSIONS; v++) {
                for (int m = 0; m < MODELS; m++) {
                    clock.set(start.plusMillis(((v - 1) * MODELS + m) / 4));
                    String team = (v + m) % 2 == 0 ? "risk" : "growth";
                    var registration = registry.register(model(m)).content("model.bin", new byte[] {(byte) v})
                            .tag("team", team);
                    // Every sixth without the metric: missing values come last in either direction, and
                    // there are more of them than a page holds, so that a cursor stops on one.
                    if (v % 6 != 0) {
                        registration.metric("auc", auc(v * 7 + m));
                    }
                    ModelVersion committed = registration.commit();
                    if (team.equals("risk")) {
                        initial.add(committed.ref());
                    }
                }
            }
        }
        assertThat(initial).hasSize(MODELS * VERSIONS / 2);

        for (int w = 0; w < 2; w++) {
            Child child = Child.start(SearchPagingChild.class, "churn-" + w, backend(), dir.resolve("logs"),
                    "churn", "w" + w, Integer.toString(MODELS), Long.toString(System.nanoTime() + w));
            children.add(child);
        }
        try (Registry registry = backend().open("reader")) {
            for (Child child : children) {
                child.awaitLines(l -> l.startsWith("REGISTERED"), 1, "register a version");
            }
            List<String> report = new ArrayList<>();
            for (Walk walk : walks()) {
                report.add(walk(registry, walk, initial));
            }
            for (Child child : children) {
                child.closeInput();
            }
            for (Child child : children) {
                child.awaitSuccess();
            }
            System.out.printf("%s: %s; writers: %s%n", backend(), String.join("; ", report),
                    children.stream().map(c -> c.count("REGISTERED") + " registered, " + c.count("MOVED")
                            + " moved, " + c.count("ALIASED") + " aliased").toList());
        } finally {
            for (Child child : children) {
                child.killIfAlive();
            }
        }
    }

    /** A clock that says what it was last set to. */
    private static final class SetClock extends Clock {

        private volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A search order and the order the versions it returns must be in, as far as their keys do not change. */
    private record Walk(String name, Optional<String> orderBy, Comparator<ModelVersion> order,
                        Function<ModelVersion, Object> firstKey) {
    }

    private static List<Walk> walks() {
        Comparator<ModelVersion> tieBreak = Comparator.comparing(ModelVersion::model)
                .thenComparing(Comparator.comparingInt(ModelVersion::version).reversed());
        Comparator<ModelVersion> oldestFirst = Comparator.comparing(ModelVersion::createdAt);
        Comparator<ModelVersion> aucDesc = Comparator.comparing(SearchPagingProcessesContract::aucOf,
                Comparator.nullsLast(Comparator.<Double>reverseOrder()));
        Comparator<ModelVersion> aucAsc = Comparator.comparing(SearchPagingProcessesContract::aucOf,
                Comparator.nullsLast(Comparator.<Double>naturalOrder()));
        return List.of(
                new Walk("newest first", Optional.empty(), oldestFirst.reversed().thenComparing(tieBreak),
                        ModelVersion::createdAt),
                new Walk("created_at ASC", Optional.of("created_at ASC"), oldestFirst.thenComparing(tieBreak),
                        ModelVersion::createdAt),
                new Walk("metrics.auc DESC", Optional.of("metrics.auc DESC"), aucDesc.thenComparing(tieBreak),
                        SearchPagingProcessesContract::aucOf),
                new Walk("metrics.auc ASC", Optional.of("metrics.auc ASC"), aucAsc.thenComparing(tieBreak),
                        SearchPagingProcessesContract::aucOf));
    }

    private static Double aucOf(ModelVersion v) {
        return v.metrics().get("auc");
    }

    /** Pages through the search once, with writes between pages, and checks what came. */
    private String walk(Registry registry, Walk walk, Set<VersionRef> initial) throws InterruptedException {
        SearchQuery query = SearchQuery.where(FILTER).limit(PAGE);
        if (walk.orderBy().isPresent()) {
            query = query.orderBy(walk.orderBy().get());
        }
        Map<VersionRef, Integer> seenOnPage = new LinkedHashMap<>();
        List<ModelVersion> returned = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        int pages = 0;
        int tiedCursors = 0;
        Page<ModelVersion> page = registry.search().versions(query);
        while (true) {
            pages++;
            for (ModelVersion v : page.items()) {
                Integer before = seenOnPage.putIfAbsent(v.ref(), pages);
                if (before != null) {
                    duplicates.add(v.ref() + " on pages " + before + " and " + pages);
                }
                returned.add(v);
            }
            if (page.next().isEmpty()) {
                break;
            }
            awaitWrites(registry);
            ModelVersion last = returned.get(returned.size() - 1);
            page = registry.search().versions(query.after(page.next().get()));
            if (!page.items().isEmpty()
                    && Objects.equals(walk.firstKey().apply(last), walk.firstKey().apply(page.items().get(0)))) {
                tiedCursors++;
            }
        }
        String what = walk.name() + ", " + pages + " pages";
        assertThat(duplicates).as("versions returned twice (%s)", what).isEmpty();
        assertThat(returned).as("versions that do not match %s (%s)", FILTER, what)
                .allSatisfy(v -> assertThat(v.tags()).containsEntry("team", "risk"));
        Set<VersionRef> missing = new HashSet<>(initial);
        missing.removeAll(seenOnPage.keySet());
        assertThat(missing).as("versions of the initial set that were skipped (%s)", what).isEmpty();
        for (int i = 1; i < returned.size(); i++) {
            assertThat(walk.order().compare(returned.get(i - 1), returned.get(i)))
                    .as("%s before %s (%s)", returned.get(i - 1).ref(), returned.get(i).ref(), what)
                    .isNegative();
        }
        return what + " (" + tiedCursors + " between versions that tie on the first key), " + returned.size()
                + " versions (" + (returned.size() - initial.size()) + " new)";
    }

    /**
     * Waits until the writers changed the registry since this call began, so that every page is read
     * from another state than the one before. The bound only keeps a stuck writer from hanging the test.
     */
    private void awaitWrites(Registry registry) throws InterruptedException {
        long head = registry.journal().head();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WRITE_WAIT_SECONDS);
        while (registry.journal().head() <= head) {
            for (Child child : children) {
                child.checkNoError();
                assertThat(child.isAlive()).as("%s is running", child.name()).isTrue();
            }
            assertThat(System.nanoTime() - deadline).as("the writers changed nothing within %d s",
                    WRITE_WAIT_SECONDS).isNegative();
            Thread.sleep(2);
        }
    }
}
