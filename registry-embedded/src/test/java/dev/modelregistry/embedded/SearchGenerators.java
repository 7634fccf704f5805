package dev.modelregistry.embedded;

import dev.modelregistry.embedded.SearchCatalog.Action;
import dev.modelregistry.embedded.SearchCatalog.DatasetSpec;
import dev.modelregistry.embedded.SearchCatalog.VersionSpec;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.search.Comparison;
import dev.modelregistry.search.Field;
import dev.modelregistry.search.Filter;
import dev.modelregistry.search.Order;
import dev.modelregistry.search.SearchQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The generators of {@link SearchPropertyTest}: random catalogs, and random queries whose values come
 * mostly from the catalog they run on, so that they match something.
 */
final class SearchGenerators {

    /**
     * Letters of both cases, digits, space, the LIKE wildcards and escape, quote, the SQL escape
     * character {@code !}, and caseless non-ASCII below U+E000 (H2 orders by UTF-16 unit, the others by
     * code point, which agree there).
     */
    static final String ALPHABET = "aAbBzZ09 %_\\'!\u4e2d\u6587\u20ac\u2192";
    private static final List<String> SHARED_TEXTS = List.of("", "a", "A", "a ", " a", "ab", "aB", "100%", "x_y",
            "back\\slash", "it's", "!bang", "\u4e2d\u6587", "\u20ac5", "a\u2192b", "Z", "z");
    private static final List<String> MODELS = List.of("alpha", "Beta", "risk/fraud", "risk/churn", "team/name",
            "growth/ranker", "a-b.c", "9lives");
    private static final List<String> TAG_KEYS = List.of("team", "Team", "odd key.x", "a:b/c", "1st");
    private static final List<String> PARAM_KEYS = List.of("max_depth", "odd key.x", "a:b/c");
    private static final List<String> METRIC_KEYS = List.of("auc", "loss", "odd key.x");
    private static final List<String> EVALUATIONS = List.of("holdout", "hold out", "a:b/c");
    private static final List<String> EVALUATION_METRICS = List.of("auc", "f1.macro", "odd key.x");
    private static final List<Double> NUMBERS = List.of(-2.5, -1.0, 0.0, 0.25, 0.5, 1.0, 3.0, 1e300, -1e300,
            -1e-300, 1e-300, 0.1 + 0.2, 1.0 / 3, 123.456);
    private static final List<String> PRINCIPALS = List.of("alice", "Bob", "bob", "o'neil", "x%y", "\u4e2d\u6587 user");
    private static final List<String> URIS = List.of("s3://data/a.parquet", "s3://data/b.parquet", "file:/tmp/x y",
            "gs://bucket/\u4e2d\u6587");
    private static final List<String> DIGESTS = List.of("sha256:" + "ab".repeat(32), "sha256:" + "cd".repeat(32));
    private static final List<String> RUN_URLS = List.of("https://mlflow.example.com/runs/1",
            "http://x.example/r?a=b", "https://x.example/%E4%B8%AD");
    private static final List<String> ALIASES = List.of("champion", "best_1", "c-2", "b.x");
    private static final List<String> STAGES = List.of("STAGING", "PRODUCTION", "ARCHIVED", "DEVELOPMENT");

    private SearchGenerators() {
    }

    /** A catalog and {@code queries} queries on it. */
    static Arbitrary<SearchPropertyTest.Scenario> scenarios(int queries) {
        return catalogs().flatMap(c -> queries(c).list().ofSize(queries).map(q -> new SearchPropertyTest.Scenario(c, q)));
    }

    static Arbitrary<String> freshText() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(0).ofMaxLength(5);
    }

    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(SHARED_TEXTS)), Tuple.of(2, freshText()));
    }

    static Arbitrary<Double> number() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(NUMBERS)),
                Tuple.of(1, Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite)));
    }

    /**
     * A number for an evaluation metric: never -0.0, which {@code registry.evaluate} cannot record on
     * embedded H2 (H2 reads it back as 0.0, so evaluate's look-up of the evaluation it has just
     * committed fails with "the evaluation of ... is not there after its commit").
     */
    static Arbitrary<Double> evaluationNumber() {
        return number().map(d -> d == 0 ? 0.0 : d);
    }

    // --- catalogs ---

    static Arbitrary<SearchCatalog> catalogs() {
        Arbitrary<List<DatasetSpec>> datasets = Combinators.combine(Arbitraries.of(URIS),
                        Arbitraries.of(DIGESTS).injectNull(0.5), Arbitraries.of(DatasetRole.values()))
                .as(DatasetSpec::new).list().ofMaxSize(2);
        Arbitrary<List<Integer>> parents = Arbitraries.integers().between(0, 11).list().ofMaxSize(2);
        Arbitrary<String> runIds = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of("run-1", "run-2", "Run-1")),
                Tuple.of(1, freshText().filter(s -> !s.isBlank()))).injectNull(0.4);
        Arbitrary<String> runUrls = Arbitraries.of(RUN_URLS).injectNull(0.4);
        Arbitrary<Object[]> lineage = Combinators.combine(datasets, parents, runIds, runUrls)
                .as((d, p, id, url) -> new Object[] {d, p, id, url});
        @SuppressWarnings("unchecked")
        Arbitrary<VersionSpec> version = Combinators.combine(Arbitraries.of(MODELS),
                        Arbitraries.of(0L, 0L, 1L, 1000L, 60_000L), text(), Arbitraries.of(PRINCIPALS),
                        Arbitraries.maps(Arbitraries.of(TAG_KEYS), text()).ofMaxSize(3),
                        Arbitraries.maps(Arbitraries.of(PARAM_KEYS), text()).ofMaxSize(2),
                        Arbitraries.maps(Arbitraries.of(METRIC_KEYS), number()).ofMaxSize(3), lineage)
                .as((model, advance, description, by, tags, params, metrics, l) -> new VersionSpec(model, advance,
                        description, by, tags, params, metrics, (List<DatasetSpec>) l[0], (List<Integer>) l[1],
                        (String) l[2], l[2] == null ? null : (String) l[3]));
        Arbitrary<Action> action = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.of(STAGES))
                        .as(SearchCatalog.Move::new),
                Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.of(ALIASES))
                        .as(SearchCatalog.Alias::new),
                Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.of(EVALUATIONS),
                                Arbitraries.maps(Arbitraries.of(EVALUATION_METRICS), evaluationNumber()).ofMinSize(1).ofMaxSize(2))
                        .as(SearchCatalog.Evaluate::new));
        return Combinators.combine(version.list().ofMinSize(3).ofMaxSize(12), action.list().ofMaxSize(8))
                .as(SearchGenerators::consistent);
    }

    /**
     * The catalog the raw draws describe, made registrable: at most four versions per model, parents
     * only among earlier versions and each once, a dataset URI once per role, and only the stage moves
     * the standard lifecycle allows from where each version is at that point.
     */
    private static SearchCatalog consistent(List<VersionSpec> raw, List<Action> rawActions) {
        List<VersionSpec> versions = new ArrayList<>();
        Map<String, Integer> perModel = new HashMap<>();
        for (VersionSpec v : raw) {
            if (perModel.merge(v.model(), 1, Integer::sum) > 4) {
                continue;
            }
            int index = versions.size();
            List<Integer> parents = v.parents().stream().filter(p -> p < index).distinct().toList();
            Set<String> seen = new HashSet<>();
            List<DatasetSpec> datasets = v.datasets().stream().filter(d -> seen.add(d.uri() + " " + d.role())).toList();
            versions.add(new VersionSpec(v.model(), v.advance(), v.description(), v.createdBy(), v.tags(), v.params(),
                    v.metrics(), datasets, parents, v.runId(), v.runUrl()));
        }
        List<String> stages = new ArrayList<>(versions.stream().map(v -> "DEVELOPMENT").toList());
        List<Action> actions = new ArrayList<>();
        for (Action a : rawActions) {
            int i = a.version() % versions.size();
            if (a instanceof SearchCatalog.Move m) {
                if (!allowed(stages.get(i), m.stage())) {
                    continue;
                }
                if (m.stage().equals("PRODUCTION")) {
                    for (int j = 0; j < versions.size(); j++) {
                        if (versions.get(j).model().equals(versions.get(i).model()) && stages.get(j).equals("PRODUCTION")) {
                            stages.set(j, "ARCHIVED");
                        }
                    }
                }
                stages.set(i, m.stage());
                actions.add(new SearchCatalog.Move(i, m.stage()));
            } else if (a instanceof SearchCatalog.Alias al) {
                actions.add(new SearchCatalog.Alias(i, al.alias()));
            } else {
                SearchCatalog.Evaluate e = (SearchCatalog.Evaluate) a;
                actions.add(new SearchCatalog.Evaluate(i, e.name(), e.metrics()));
            }
        }
        return new SearchCatalog(List.copyOf(versions), List.copyOf(actions));
    }

    private static boolean allowed(String from, String to) {
        return switch (from) {
            case "DEVELOPMENT" -> !to.equals("DEVELOPMENT");
            case "STAGING" -> !to.equals("STAGING");
            case "PRODUCTION" -> to.equals("STAGING") || to.equals("ARCHIVED");
            default -> !to.equals("ARCHIVED");
        };
    }

    // --- queries ---

    static Arbitrary<SearchQuery> queries(SearchCatalog c) {
        Arbitrary<Filter> filters = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Filter.ALL)),
                Tuple.of(12, filter(c, 3)));
        Arbitrary<List<Order>> orders = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.<Order>of())),
                Tuple.of(6, Combinators.combine(fields().filter(f -> !f.kind().multiValued()), Arbitraries.of(false, true))
                        .as(Order::new).list().ofMinSize(1).ofMaxSize(3)));
        return Combinators.combine(filters, orders, Arbitraries.integers().between(1, 5))
                .as((f, o, n) -> new SearchQuery(f, o, n, Optional.empty(), false));
    }

    static Arbitrary<Filter> filter(SearchCatalog c, int depth) {
        if (depth == 0) {
            return leaf(c);
        }
        // And and Or of a single operand are left out: their text is the operand's alone, so
        // Filter.parse(f.toString()) gives the operand back, not f (docs/SEARCH.md promises f). With
        // one operand they find the same versions, but the text form does not round-trip.
        Arbitrary<Filter> sub = Arbitraries.lazy(() -> filter(c, depth - 1));
        return Arbitraries.frequencyOf(Tuple.of(4, leaf(c)),
                Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Filter.And::new)),
                Tuple.of(2, sub.list().ofMinSize(2).ofMaxSize(3).map(Filter.Or::new)),
                Tuple.of(1, sub.map(Filter::negate)));
    }

    static Arbitrary<Field> fields() {
        List<Field> fields = new ArrayList<>(List.of(Field.name(), Field.namespace(), Field.version(), Field.stage(),
                Field.alias(), Field.createdBy(), Field.createdAt(), Field.description(), Field.runId(), Field.runUrl(),
                Field.dataset(), Field.parent()));
        TAG_KEYS.forEach(k -> fields.add(Field.tag(k)));
        PARAM_KEYS.forEach(k -> fields.add(Field.param(k)));
        METRIC_KEYS.forEach(k -> fields.add(Field.metric(k)));
        EVALUATIONS.forEach(e -> EVALUATION_METRICS.forEach(m -> fields.add(Field.evaluation(e, m))));
        return Arbitraries.of(fields);
    }

    static Arbitrary<Filter> leaf(SearchCatalog c) {
        return fields().flatMap(f -> leafOn(f, c));
    }

    private static Arbitrary<Filter> leafOn(Field f, SearchCatalog c) {
        Arbitrary<Object> values = values(f, c);
        boolean several = f.kind().multiValued();
        Arbitrary<Comparison> ops = several ? Arbitraries.of(Comparison.EQ, Comparison.NE) : Arbitraries.of(Comparison.values());
        List<Arbitrary<Filter>> choices = new ArrayList<>(List.of(
                Combinators.combine(ops, values).as((op, v) -> new Filter.Compare(f, op, v)),
                values.list().ofMinSize(1).ofMaxSize(3).map(l -> f.in(l)),
                values.list().ofMinSize(1).ofMaxSize(3).map(l -> f.notIn(l.toArray())),
                Arbitraries.of(f.isNull(), f.isNotNull())));
        if (f.kind().type() == Field.Type.TEXT && f.kind() != Field.Kind.DATASET && f.kind() != Field.Kind.PARENT) {
            List<String> texts = c.texts(f);
            choices.add(Combinators.combine(Arbitraries.randomValue(r -> pattern(texts, r)), Arbitraries.of(false, true))
                    .as((p, ignoreCase) -> new Filter.Like(f, p, ignoreCase)));
        }
        return Arbitraries.oneOf(choices);
    }

    private static Arbitrary<Object> values(Field f, SearchCatalog c) {
        return switch (f.kind()) {
            case VERSION -> Arbitraries.longs().between(0, 5).map(v -> v);
            case CREATED_AT -> Combinators.combine(Arbitraries.of(c.createdAt()), Arbitraries.of(-1L, 0L, 0L, 1L))
                    .as((t, d) -> (Object) t.plusMillis(d));
            case METRIC, EVALUATION -> mostly(c.numbers(), number());
            case DATASET -> mostly(c.datasetValues(), Arbitraries.of("s3://none", "sha256:" + "00".repeat(32)));
            case PARENT -> mostly(c.parentValues(), Arbitraries.of("nobody@1", "nobody", "alpha@9"));
            case ALIAS -> mostly(ALIASES, Arbitraries.of("other", "Champion"));
            default -> Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(c.texts(f)).map(v -> (Object) v)),
                    Tuple.of(1, mostly(c.texts(), freshText())));
        };
    }

    private static <T> Arbitrary<Object> mostly(List<T> known, Arbitrary<T> other) {
        if (known.isEmpty()) {
            return other.map(v -> v);
        }
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(known).map(v -> (Object) v)),
                Tuple.of(1, other.map(v -> (Object) v)));
    }

    /**
     * A LIKE pattern: mostly one of the catalog's texts with some characters turned into {@code _},
     * {@code %}, escapes or the other case; never ending in an escaping backslash.
     */
    static String pattern(List<String> texts, Random r) {
        String base = r.nextInt(4) == 0 || texts.isEmpty() ? randomText(r) : texts.get(r.nextInt(texts.size()));
        StringBuilder p = new StringBuilder();
        if (r.nextInt(4) == 0) {
            p.append('%');
        }
        base.codePoints().forEach(ch -> {
            switch (r.nextInt(12)) {
                case 0 -> p.append('_');
                case 1 -> p.append('%');
                case 2 -> { }
                case 3 -> p.appendCodePoint(Character.isUpperCase(ch) ? Character.toLowerCase(ch) : Character.toUpperCase(ch));
                case 4 -> p.append('\\').appendCodePoint(ch);
                default -> {
                    if ((ch == '%' || ch == '_' || ch == '\\') && r.nextInt(3) > 0) {
                        p.append('\\');
                    }
                    p.appendCodePoint(ch);
                }
            }
        });
        if (r.nextInt(4) == 0) {
            p.append('%');
        }
        int backslashes = 0;
        for (int i = p.length() - 1; i >= 0 && p.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        if (backslashes % 2 == 1) {
            p.append(r.nextBoolean() ? "\\" : "x");
        }
        return p.toString();
    }

    private static String randomText(Random r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
