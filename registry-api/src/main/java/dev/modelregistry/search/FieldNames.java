package dev.modelregistry.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The field names of the filter language, ours and MLflow's: which {@link Field} a word names.
 * Names and prefixes are case-insensitive; keys are kept as written.
 */
final class FieldNames {

    /** What the parser expects where a field must start. */
    static final String FIELD_NAME = "a field name such as name, tags.<key>, metrics.<key>";

    /** Plain fields by name, with MLflow's names for them. */
    private static final Map<String, Field.Kind> PLAIN = Map.ofEntries(
            Map.entry("name", Field.Kind.NAME),
            Map.entry("namespace", Field.Kind.NAMESPACE),
            Map.entry("version", Field.Kind.VERSION),
            Map.entry("version_number", Field.Kind.VERSION),
            Map.entry("stage", Field.Kind.STAGE),
            Map.entry("current_stage", Field.Kind.STAGE),
            Map.entry("alias", Field.Kind.ALIAS),
            Map.entry("created_by", Field.Kind.CREATED_BY),
            Map.entry("user_id", Field.Kind.CREATED_BY),
            Map.entry("created_at", Field.Kind.CREATED_AT),
            Map.entry("creation_timestamp", Field.Kind.CREATED_AT),
            Map.entry("description", Field.Kind.DESCRIPTION),
            Map.entry("run_id", Field.Kind.RUN_ID),
            Map.entry("run_url", Field.Kind.RUN_URL),
            Map.entry("source_path", Field.Kind.RUN_URL),
            Map.entry("dataset", Field.Kind.DATASET),
            Map.entry("parent", Field.Kind.PARENT));

    /** Fields with keys by prefix, with MLflow's singular prefixes. */
    private static final Map<String, Field.Kind> KEYED = Map.of(
            "tags", Field.Kind.TAG,
            "tag", Field.Kind.TAG,
            "params", Field.Kind.PARAM,
            "param", Field.Kind.PARAM,
            "metrics", Field.Kind.METRIC,
            "metric", Field.Kind.METRIC,
            "evaluations", Field.Kind.EVALUATION);

    /** MLflow's prefixes for plain fields: {@code attribute.name}. */
    private static final List<String> ATTRIBUTE = List.of("attribute", "attributes", "attr");

    private static final String PLAIN_LIST = List.of(Field.Kind.values()).stream().filter(k -> k.keys() == 0)
            .map(Field.Kind::text).collect(Collectors.joining(", "));

    /** What the parser expects in place of an unknown field: every field. */
    static final String FIELD_LIST = "a field (" + PLAIN_LIST
            + ", tags.<key>, params.<key>, metrics.<key>, evaluations.<name>.<metric>)";

    private FieldNames() {
    }

    /**
     * The field {@code token} names.
     *
     * @throws SearchSyntaxException if it names none, at the token
     */
    static Field resolve(Token token, FilterLexer lexer) {
        if (token.kind() != Token.Kind.WORD) {
            throw lexer.error(token, FIELD_NAME);
        }
        List<Token.Segment> segments = token.segments();
        String head = segments.get(0).text().toLowerCase(Locale.ROOT);
        List<Token.Segment> rest = segments.subList(1, segments.size());
        Field.Kind plain = PLAIN.get(head);
        if (plain != null) {
            if (!rest.isEmpty()) {
                throw lexer.error(token, "a field; " + head + " takes no key");
            }
            return new Field(plain, "", "");
        }
        if (ATTRIBUTE.contains(head)) {
            Field.Kind named = rest.size() == 1 ? PLAIN.get(rest.get(0).text().toLowerCase(Locale.ROOT)) : null;
            if (named == null) {
                throw lexer.error(token, "a field after " + head + ". (" + PLAIN_LIST + ")");
            }
            return new Field(named, "", "");
        }
        Field.Kind keyed = KEYED.get(head);
        if (keyed == null) {
            throw lexer.error(token, FIELD_LIST);
        }
        if (keyed.keys() == 1) {
            if (rest.isEmpty()) {
                throw lexer.error(token, "a key after " + head + ", as in " + head + ".team");
            }
            return new Field(keyed, key(rest, token, lexer), "");
        }
        if (rest.size() < 2) {
            throw lexer.error(token, "an evaluation name and a metric, as in evaluations.holdout.auc");
        }
        return new Field(keyed, rest.get(0).text(), key(rest.subList(1, rest.size()), token, lexer));
    }

    /** The key the rest of a word spells: one quoted segment, or unquoted segments joined by dots. */
    private static String key(List<Token.Segment> segments, Token token, FilterLexer lexer) {
        if (segments.size() == 1) {
            return segments.get(0).text();
        }
        if (segments.stream().anyMatch(Token.Segment::quoted)) {
            throw lexer.error(token, "a key quoted as a whole (tags.`a.b`) or not at all (tags.a.b)");
        }
        return segments.stream().map(Token.Segment::text).collect(Collectors.joining("."));
    }
}
