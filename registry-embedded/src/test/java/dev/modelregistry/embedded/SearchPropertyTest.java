package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.VersionRef;
import dev.modelregistry.core.InMemoryArtifactStore;
import dev.modelregistry.core.InMemoryMetadataStore;
import dev.modelregistry.core.Registries;
import dev.modelregistry.embedded.SearchCatalog.SettableClock;
import dev.modelregistry.search.Filter;
import dev.modelregistry.search.Page;
import dev.modelregistry.search.SearchQuery;
import dev.modelregistry.testkit.Databases;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.opentest4j.TestAbortedException;

/**
 * Every SQL backend's search returns exactly what the in-memory evaluator ({@code SearchMatcher}, the
 * reference of docs/SEARCH.md) returns: per try a random catalog is registered, identically and at
 * the same instants, into an in-memory registry and into the backend, then {@value #QUERIES} random
 * queries are run on both. Paging through cursors, one big page, totals, counts and the filter's
 * text form must all agree. PostgreSQL and MariaDB are skipped without a server, unless {@code CI=true}.
 */
class SearchPropertyTest {

    static final int TRIES = 30;
    static final int QUERIES = 20;

    private static final ServerWiring POSTGRES = new ServerWiring(Databases.Kind.POSTGRESQL);
    private static final ServerWiring MARIADB = new ServerWiring(Databases.Kind.MARIADB);

    /** A catalog and the queries run on it. */
    record Scenario(SearchCatalog catalog, List<SearchQuery> queries) {
    }

    /** Opens the registry under test over a scratch directory, with the test's clock. */
    @FunctionalInterface
    interface Wiring {
        Registry open(Path dir, SettableClock clock);
    }

    /**
     * The property needs this database server: without one it is skipped with the reason (or fails
     * with {@code CI=true}), as {@link Databases#require} decides. The check runs once before the
     * property's tries: inside a try, jqwik would count the skip as a rejected sample and then fail.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @AddLifecycleHook(RequireServer.class)
    @interface Server {
        Databases.Kind value();
    }

    /**
     * Skips a {@link Server} property whose server is missing, with {@link Databases#require}'s reason;
     * with {@code CI=true} that throws an assertion error instead, which fails the property.
     */
    static final class RequireServer implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            Optional<Server> server = context.findAnnotation(Server.class);
            try {
                server.ifPresent(s -> Databases.require(s.value()));
                return SkipResult.doNotSkip();
            } catch (TestAbortedException missing) {
                return SkipResult.skip(missing.getMessage());
            }
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return SearchGenerators.scenarios(QUERIES);
    }

    @Property(tries = TRIES)
    void embeddedH2FindsWhatTheEvaluatorFinds(@ForAll("scenarios") Scenario scenario) {
        check(scenario, (dir, clock) -> EmbeddedRegistry.at(dir.resolve("registry")).clock(clock).principal("alice").open());
    }

    @Property(tries = TRIES)
    @Server(Databases.Kind.POSTGRESQL)
    void postgresFindsWhatTheEvaluatorFinds(@ForAll("scenarios") Scenario scenario) {
        check(scenario, (dir, clock) -> POSTGRES.open(dir, clock, "alice"));
    }

    @Property(tries = TRIES)
    @Server(Databases.Kind.MARIADB)
    void mariaDbFindsWhatTheEvaluatorFinds(@ForAll("scenarios") Scenario scenario) {
        check(scenario, (dir, clock) -> MARIADB.open(dir, clock, "alice"));
    }

    @AfterContainer
    static void dropSchemas() {
        POSTGRES.drop();
        MARIADB.drop();
    }

    private static void check(Scenario scenario, Wiring wiring) {
        Path dir = temporaryDirectory();
        SettableClock referenceClock = new SettableClock();
        SettableClock clock = new SettableClock();
        try (Registry reference = Registries.builder().metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore()).clock(referenceClock).principal("alice").build();
             Registry tested = wiring.open(dir, clock)) {
            List<VersionRef> refs = scenario.catalog().registerInto(reference, referenceClock);
            assertThat(scenario.catalog().registerInto(tested, clock)).isEqualTo(refs);
            for (SearchQuery query : scenario.queries()) {
                agree(reference, tested, query);
            }
        } finally {
            delete(dir);
        }
    }

    /** Both registries answer {@code query} alike: page by page, in one page, in totals and counts. */
    private static void agree(Registry reference, Registry tested, SearchQuery query) {
        String what = "filter [" + query.filter() + "] order " + query.order() + " limit " + query.limit();
        List<VersionRef> expected = walk(reference, query, "reference " + what);
        assertThat(onePage(reference, query.filter(), query)).as("one page of the reference, %s", what)
                .isEqualTo(expected);
        assertThat(reference.search().count(query.filter())).as("reference count of %s", what)
                .isEqualTo(expected.size());
        Statistics.label("versions found").collect(expected.isEmpty() ? "none" : expected.size() < 3 ? "1-2" : "3+");

        assertThat(walk(tested, query, what)).as("pages of %s", what).isEqualTo(expected);
        assertThat(onePage(tested, query.filter(), query)).as("one page of %s", what).isEqualTo(expected);
        assertThat(tested.search().count(query.filter())).as("count of %s", what).isEqualTo(expected.size());

        Filter reparsed = Filter.parse(query.filter().toString());
        if (!reparsed.equals(query.filter())) {
            assertThat(onePage(tested, reparsed, query)).as("reparsed %s", what).isEqualTo(expected);
        }
        assertThat(reparsed).as("Filter.parse of the text of %s", what).isEqualTo(query.filter());
    }

    /**
     * Every page of {@code query} through its cursors, checking each page's size and cursor; the first
     * page is asked for the total too, which must be the number of versions all pages hold.
     */
    private static List<VersionRef> walk(Registry registry, SearchQuery query, String what) {
        List<VersionRef> seen = new ArrayList<>();
        Page<ModelVersion> page = registry.search().versions(query.withTotal());
        OptionalLong total = page.total();
        for (int pages = 1; ; pages++) {
            assertThat(page.items().size()).as("page %d of %s", pages, what).isLessThanOrEqualTo(query.limit());
            if (page.next().isPresent()) {
                assertThat(page.items()).as("page %d of %s, which has a next page", pages, what).hasSize(query.limit());
            } else if (pages > 1) {
                assertThat(page.items()).as("last page %d of %s", pages, what).isNotEmpty();
            }
            page.items().forEach(v -> seen.add(v.ref()));
            if (page.next().isEmpty()) {
                break;
            }
            assertThat(pages).as("pages of %s", what).isLessThan(100);
            page = registry.search().versions(query.after(page.next().get()));
        }
        assertThat(seen).as("versions of %s", what).doesNotHaveDuplicates();
        assertThat(total).as("total of %s", what).hasValue(seen.size());
        return seen;
    }

    private static List<VersionRef> onePage(Registry registry, Filter filter, SearchQuery query) {
        Page<ModelVersion> page = registry.search().versions(
                new SearchQuery(filter, query.order(), SearchQuery.MAX_LIMIT, Optional.empty(), false));
        assertThat(page.next()).isEmpty();
        return page.items().stream().map(ModelVersion::ref).toList();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("search-property");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
