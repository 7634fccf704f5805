package dev.modelregistry.benchmarks;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.StandardStage;
import dev.modelregistry.VersionRef;
import dev.modelregistry.search.Page;
import dev.modelregistry.search.SearchQuery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * The search queries of the metadata benchmark, each in a few variants whose first page (the newest
 * 100 matches) is worked out from the catalog before anything is timed, in one pass over every
 * version, so that every timed answer is checked against what the catalog predicts. Searches run
 * before registrations, on the catalog as loaded. Not thread-safe.
 */
final class SearchOps {

    /** Results per page, the query default. */
    static final int PAGE = 100;
    private static final int VARIANTS = 8;
    /** The page the paging query reads: far enough for offset paging to cost 100 pages. */
    static final int DEEP_PAGE = 100;

    /** The kinds of query, as docs/PERFORMANCE.md names them. */
    enum Kind {
        TAG_METRIC("search: a selective tag and a metric threshold"),
        STAGE("search: a stage"),
        NAME_PREFIX("search: a name prefix (LIKE)"),
        TWO_TAGS("search: an OR of two tags"),
        DATASET("search: a dataset in PRODUCTION"),
        DEEP_PAGE("search: the 100th page of a stage");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * One query with the refs its page must hold, in order.
     *
     * @param skip pages to walk through before the timed one
     */
    record Variant(SearchQuery query, List<VersionRef> expected, int skip) {
    }

    private final Registry registry;
    private final List<List<Variant>> variants = new ArrayList<>();

    SearchOps(Registry registry, List<List<Variant>> prepared) {
        this.registry = registry;
        this.variants.addAll(prepared);
    }

    /** The variants of every kind with their expected pages, from one pass over the catalog; costs a few seconds at 1M. */
    static List<List<Variant>> prepare(SyntheticCatalog catalog) {
        return prepare(catalog, m -> true, catalog.models());
    }

    /**
     * The same queries (the same variants) as a principal sees them that may read only the models
     * {@code readable} accepts, {@code readableModels} of them: each page holds the readable matches
     * only, and the paging query's pages are smaller, so that its 100th page still exists.
     */
    static List<List<Variant>> prepare(SyntheticCatalog catalog, IntPredicate readable, int readableModels) {
        SplittableRandom random = new SplittableRandom(20261204L);
        List<Expectation> all = new ArrayList<>();
        List<List<Expectation>> byKind = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<Expectation> kinds = new ArrayList<>();
            int count = kind == Kind.STAGE || kind == Kind.DEEP_PAGE ? 1 : VARIANTS;
            for (int i = 0; i < count; i++) {
                kinds.add(expectation(kind, catalog, readableModels, random));
            }
            byKind.add(kinds);
            all.addAll(kinds);
        }
        int per = catalog.versionsPerModel();
        for (int m = 0; m < catalog.models(); m++) {
            if (!readable.test(m)) {
                continue;
            }
            for (int n = 1; n <= per; n++) {
                Row row = new Row(catalog, m, n);
                for (Expectation e : all) {
                    e.offer(row);
                }
            }
        }
        List<List<Variant>> prepared = new ArrayList<>();
        for (List<Expectation> kinds : byKind) {
            prepared.add(kinds.stream().map(e -> new Variant(e.query, e.page(), e.skipPages)).toList());
        }
        return prepared;
    }

    private static Expectation expectation(Kind kind, SyntheticCatalog catalog, int readableModels,
                                           SplittableRandom random) {
        return switch (kind) {
            case TAG_METRIC -> {
                String batch = "batch-" + random.nextInt(SyntheticCatalog.BATCHES);
                yield new Expectation(SearchQuery.where("tags.batch = '" + batch + "' AND metrics.auc > 0.9"),
                        r -> r.batch.equals(batch) && r.auc > 0.9, 0);
            }
            case STAGE -> new Expectation(SearchQuery.where("stage = 'STAGING'"),
                    r -> r.stage == StandardStage.STAGING, 0);
            case NAME_PREFIX -> {
                String prefix = SyntheticCatalog.modelName(random.nextInt(catalog.models())).substring(0, 9);
                yield new Expectation(SearchQuery.where("name LIKE '" + prefix + "%'"), r -> r.name.startsWith(prefix), 0);
            }
            case TWO_TAGS -> {
                String a = "batch-" + random.nextInt(SyntheticCatalog.BATCHES);
                String b = "batch-" + random.nextInt(SyntheticCatalog.BATCHES);
                yield new Expectation(SearchQuery.where("tags.batch = '" + a + "' OR tags.batch = '" + b + "'"),
                        r -> r.batch.equals(a) || r.batch.equals(b), 0);
            }
            case DATASET -> {
                int d = SyntheticLineage.trainingSet(random.nextInt(catalog.models()),
                        1 + random.nextInt(catalog.versionsPerModel()));
                yield new Expectation(SearchQuery.where("dataset = '" + SyntheticLineage.datasetUri(d)
                        + "' AND stage = 'PRODUCTION'"),
                        r -> r.stage == StandardStage.PRODUCTION && (r.training == d || r.validation == d), 0);
            }
            case DEEP_PAGE -> {
                // one PRODUCTION version per model: pages of 100 at 10,000 models, smaller ones on a small catalog
                int size = Math.min(PAGE, Math.max(1, readableModels / DEEP_PAGE));
                int pages = Math.min(DEEP_PAGE, readableModels / size);
                yield new Expectation(SearchQuery.where("stage = 'PRODUCTION'").limit(size),
                        r -> r.stage == StandardStage.PRODUCTION, pages - 1);
            }
        };
    }

    /** Walks to the page each paging variant reads, untimed, and keeps its cursor in the variant's query. */
    void walkToDeepPages() {
        int deep = Kind.DEEP_PAGE.ordinal();
        List<Variant> walked = new ArrayList<>();
        for (Variant v : variants.get(deep)) {
            SearchQuery query = v.query;
            for (int page = 0; page < v.skip; page++) {
                String next = registry.search().versions(query).next()
                        .orElseThrow(() -> new IllegalStateException(v.query.filter() + " has only " + v.skip + " pages"));
                query = v.query.after(next);
            }
            walked.add(new Variant(query, v.expected, v.skip));
        }
        variants.set(deep, walked);
    }

    /** Runs one query of {@code kind}, a variant drawn from {@code random}, and checks its page. */
    void run(Kind kind, SplittableRandom random) {
        List<Variant> kinds = variants.get(kind.ordinal());
        Variant v = kinds.get(random.nextInt(kinds.size()));
        Page<ModelVersion> page = registry.search().versions(v.query);
        List<VersionRef> refs = page.items().stream().map(ModelVersion::ref).toList();
        if (!refs.equals(v.expected)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s found %d versions %s..., expected %d %s...",
                    v.query.filter(), refs.size(), refs.stream().limit(3).toList(), v.expected.size(),
                    v.expected.stream().limit(3).toList()));
        }
    }

    /**
     * The database's plan of the first variant of each kind, as the core asks for a first page
     * (newest first, then name and version; one more row than the page).
     */
    static String explain(dev.modelregistry.jdbc.JdbcMetadataStore store, List<List<Variant>> prepared) {
        List<dev.modelregistry.search.Order> order = List.of(dev.modelregistry.search.Field.createdAt().desc(),
                dev.modelregistry.search.Field.name().asc(), dev.modelregistry.search.Field.version().desc());
        StringBuilder out = new StringBuilder();
        for (Kind kind : Kind.values()) {
            SearchQuery query = prepared.get(kind.ordinal()).get(0).query();
            String plan = store.explain(new dev.modelregistry.spi.SearchRequest(query.filter(), order, List.of(),
                    query.limit() + 1));
            out.append("`").append(query.filter()).append("`\n\n```\n").append(plan).append("\n```\n\n");
        }
        return out.toString();
    }

    /** What the catalog says about one version, for the predicates. */
    private static final class Row {
        final String name;
        final int number;
        final StandardStage stage;
        final String batch;
        final double auc;
        final int training;
        final int validation;

        Row(SyntheticCatalog catalog, int model, int number) {
            SyntheticCatalog.Version v = catalog.version(model, number);
            this.name = SyntheticCatalog.modelName(model);
            this.number = number;
            this.stage = v.stage();
            this.batch = v.tags().get("batch");
            this.auc = v.metrics().get("auc");
            this.training = SyntheticLineage.trainingSet(model, number);
            this.validation = SyntheticLineage.validationSet(model);
        }
    }

    /**
     * The matches of one query, newest first as the default order has them: versions are offered
     * oldest first (model, then number, which is creation order), so the newest are the last offered.
     */
    private static final class Expectation {
        final SearchQuery query;
        final Predicate<Row> matches;
        final int skipPages;
        final Deque<VersionRef> newest = new ArrayDeque<>();

        Expectation(SearchQuery query, Predicate<Row> matches, int skipPages) {
            this.query = query;
            this.matches = matches;
            this.skipPages = skipPages;
        }

        void offer(Row row) {
            if (matches.test(row)) {
                newest.addLast(VersionRef.of(row.name, row.number));
                if (newest.size() > query.limit() * (skipPages + 1)) {
                    newest.removeFirst();
                }
            }
        }

        /** The page {@code skipPages + 1}, newest first. */
        List<VersionRef> page() {
            List<VersionRef> descending = new ArrayList<>(newest);
            Collections.reverse(descending);
            int from = Math.min(descending.size(), query.limit() * skipPages);
            return List.copyOf(descending.subList(from, Math.min(descending.size(), from + query.limit())));
        }
    }
}
