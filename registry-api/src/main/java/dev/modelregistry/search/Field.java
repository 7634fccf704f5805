package dev.modelregistry.search;

import dev.modelregistry.InvalidInputException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Something about a version that a search can filter and order on. Build filters from it without
 * writing the language: {@code Field.tag("team").eq("risk").and(Field.metric("auc").gt(0.9))}.
 *
 * @param kind   which field
 * @param key    the tag, param or metric key, or the evaluation name; empty for the others
 * @param subkey the metric of an evaluation; empty for the others
 */
public record Field(Kind kind, String key, String subkey) {

    /** Longest key or evaluation name a field may name (the registry's own limit for keys). */
    public static final int KEY_LENGTH = 250;

    /** The type of a field's values, which decides how they compare. */
    public enum Type {
        /** Strings, compared by Unicode code point; literals are quoted. */
        TEXT,
        /** Doubles, compared as numbers. */
        NUMBER,
        /** Whole numbers. */
        INTEGER,
        /** Instants; literals are ISO-8601 strings or epoch milliseconds. */
        TIME
    }

    /** The fields, with the name the filter language gives each. */
    public enum Kind {
        /** The model name, with its namespace. */
        NAME("name", Type.TEXT, 0, false),
        /** The part of the model name before {@code /}; empty for a name without one. */
        NAMESPACE("namespace", Type.TEXT, 0, false),
        /** The version number. */
        VERSION("version", Type.INTEGER, 0, false),
        /** The stage name. */
        STAGE("stage", Type.TEXT, 0, false),
        /** An alias pointing at the version; a version may hold several. */
        ALIAS("alias", Type.TEXT, 0, true),
        /** Who registered the version. */
        CREATED_BY("created_by", Type.TEXT, 0, false),
        /** When the version was registered. */
        CREATED_AT("created_at", Type.TIME, 0, false),
        /** The version's description. */
        DESCRIPTION("description", Type.TEXT, 0, false),
        /** The run id of the training run in the version's lineage (MLflow's {@code run_id}). */
        RUN_ID("run_id", Type.TEXT, 0, false),
        /** The URL of the training run in the version's lineage (what MLflow's {@code source_path} filters). */
        RUN_URL("run_url", Type.TEXT, 0, false),
        /** A tag's value, by key. */
        TAG("tags", Type.TEXT, 1, false),
        /** A training parameter's value, by key; compared as text. */
        PARAM("params", Type.TEXT, 1, false),
        /** A registration metric, by key. */
        METRIC("metrics", Type.NUMBER, 1, false),
        /** A metric of the latest evaluation recorded under a name. */
        EVALUATION("evaluations", Type.NUMBER, 2, false),
        /** A dataset in the version's lineage, by URI or by {@code sha256:} digest; a version may record several. */
        DATASET("dataset", Type.TEXT, 0, true),
        /** A version it was derived from, as {@code model@version}, or {@code model} for any version of it. */
        PARENT("parent", Type.TEXT, 0, true);

        private final String text;
        private final Type type;
        private final int keys;
        private final boolean multiValued;

        Kind(String text, Type type, int keys, boolean multiValued) {
            this.text = text;
            this.type = type;
            this.keys = keys;
            this.multiValued = multiValued;
        }

        /** The name the filter language uses ({@code tags} for {@code tags.<key>}). */
        public String text() {
            return text;
        }

        /** The type of its values. */
        public Type type() {
            return type;
        }

        /** How many keys follow the name: 0, 1 ({@code tags.team}) or 2 ({@code evaluations.holdout.auc}). */
        public int keys() {
            return keys;
        }

        /** Whether a version can have several values at once (and so it cannot order a search). */
        public boolean multiValued() {
            return multiValued;
        }
    }

    public Field {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subkey, "subkey");
        if (kind.keys() >= 1) {
            checkKey(kind.text() + " key", key);
        } else if (!key.isEmpty()) {
            throw new InvalidInputException("field", kind.text() + "." + key, kind.text() + " takes no key");
        }
        if (kind.keys() == 2) {
            checkKey(kind.text() + " metric", subkey);
        } else if (!subkey.isEmpty()) {
            throw new InvalidInputException("field", kind.text() + "." + key + "." + subkey,
                    kind.text() + " takes " + kind.keys() + " key");
        }
    }

    private static void checkKey(String what, String key) {
        if (key.isEmpty() || key.length() > KEY_LENGTH) {
            throw new InvalidInputException(what, key, "must have 1 to " + KEY_LENGTH + " characters");
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(what, key, "contains a control character");
        }
    }

    /** The model name. */
    public static Field name() {
        return new Field(Kind.NAME, "", "");
    }

    /** The namespace of the model name. */
    public static Field namespace() {
        return new Field(Kind.NAMESPACE, "", "");
    }

    /** The version number. */
    public static Field version() {
        return new Field(Kind.VERSION, "", "");
    }

    /** The stage name. */
    public static Field stage() {
        return new Field(Kind.STAGE, "", "");
    }

    /** An alias of the version. */
    public static Field alias() {
        return new Field(Kind.ALIAS, "", "");
    }

    /** Who registered the version. */
    public static Field createdBy() {
        return new Field(Kind.CREATED_BY, "", "");
    }

    /** When the version was registered. */
    public static Field createdAt() {
        return new Field(Kind.CREATED_AT, "", "");
    }

    /** The description. */
    public static Field description() {
        return new Field(Kind.DESCRIPTION, "", "");
    }

    /** The training run id in the lineage. */
    public static Field runId() {
        return new Field(Kind.RUN_ID, "", "");
    }

    /** The training run URL in the lineage. */
    public static Field runUrl() {
        return new Field(Kind.RUN_URL, "", "");
    }

    /** The tag {@code key}. */
    public static Field tag(String key) {
        return new Field(Kind.TAG, key, "");
    }

    /** The training parameter {@code key}. */
    public static Field param(String key) {
        return new Field(Kind.PARAM, key, "");
    }

    /** The registration metric {@code key}. */
    public static Field metric(String key) {
        return new Field(Kind.METRIC, key, "");
    }

    /** The metric {@code metric} of the latest evaluation named {@code evaluation}. */
    public static Field evaluation(String evaluation, String metric) {
        return new Field(Kind.EVALUATION, evaluation, metric);
    }

    /** A dataset of the lineage. */
    public static Field dataset() {
        return new Field(Kind.DATASET, "", "");
    }

    /** A parent version of the lineage. */
    public static Field parent() {
        return new Field(Kind.PARENT, "", "");
    }

    /** {@code this = value}. */
    public Filter eq(Object value) {
        return new Filter.Compare(this, Comparison.EQ, value);
    }

    /** {@code this != value}. */
    public Filter ne(Object value) {
        return new Filter.Compare(this, Comparison.NE, value);
    }

    /** {@code this < value}. */
    public Filter lt(Object value) {
        return new Filter.Compare(this, Comparison.LT, value);
    }

    /** {@code this <= value}. */
    public Filter le(Object value) {
        return new Filter.Compare(this, Comparison.LE, value);
    }

    /** {@code this > value}. */
    public Filter gt(Object value) {
        return new Filter.Compare(this, Comparison.GT, value);
    }

    /** {@code this >= value}. */
    public Filter ge(Object value) {
        return new Filter.Compare(this, Comparison.GE, value);
    }

    /** {@code this LIKE pattern}: {@code %} any run of characters, {@code _} one, {@code \} escapes. */
    public Filter like(String pattern) {
        return new Filter.Like(this, pattern, false);
    }

    /** {@code this ILIKE pattern}: {@link #like} ignoring case. */
    public Filter ilike(String pattern) {
        return new Filter.Like(this, pattern, true);
    }

    /** {@code this IN (values)}. */
    public Filter in(Object... values) {
        return new Filter.In(this, Arrays.asList(values));
    }

    /** {@code this IN (values)}. */
    public Filter in(List<?> values) {
        return new Filter.In(this, java.util.List.copyOf(values));
    }

    /** {@code this NOT IN (values)}. */
    public Filter notIn(Object... values) {
        return new Filter.Not(in(values));
    }

    /** {@code this NOT IN (values)}. */
    public Filter notIn(List<?> values) {
        return new Filter.Not(in(values));
    }

    /** {@code this IS NULL}: the version has no value for it. */
    public Filter isNull() {
        return new Filter.Missing(this);
    }

    /** {@code this IS NOT NULL}. */
    public Filter isNotNull() {
        return new Filter.Not(isNull());
    }

    /** Order by this field, smaller values first. */
    public Order asc() {
        return Order.asc(this);
    }

    /** Order by this field, larger values first. */
    public Order desc() {
        return Order.desc(this);
    }

    /**
     * {@code value} as this field's type holds it: a {@code String}, a finite {@code Double}, a
     * {@code Long} or an {@code Instant} truncated to the millisecond, the precision stores keep.
     *
     * @throws InvalidInputException if {@code value} does not fit this field's type
     */
    public Object value(Object value) {
        if (value == null) {
            throw new InvalidInputException(this + " value", null, "use IS NULL to find versions without a value");
        }
        return switch (kind.type()) {
            case TEXT -> {
                if (!(value instanceof String s)) {
                    throw new InvalidInputException(this + " value", String.valueOf(value),
                            this + " holds text; compare it with a quoted string");
                }
                yield s;
            }
            case NUMBER -> {
                if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw new InvalidInputException(this + " value", String.valueOf(value),
                            this + " holds numbers; compare it with a finite number");
                }
                yield n.doubleValue();
            }
            case INTEGER -> {
                if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                        || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
                    throw new InvalidInputException(this + " value", String.valueOf(value),
                            this + " holds whole numbers; compare it with one");
                }
                yield n.longValue();
            }
            case TIME -> {
                Instant instant;
                if (value instanceof Instant i) {
                    instant = i;
                } else if (value instanceof Long || value instanceof Integer) {
                    instant = Instant.ofEpochMilli(((Number) value).longValue());
                } else {
                    throw new InvalidInputException(this + " value", String.valueOf(value),
                            this + " holds instants; compare it with an ISO-8601 time or epoch milliseconds");
                }
                try {
                    instant.toEpochMilli();
                } catch (ArithmeticException e) {
                    throw new InvalidInputException(this + " value", instant.toString(),
                            "is too far from 1970 to count in milliseconds");
                }
                // instants are stored to the millisecond; a finer value compares as its millisecond everywhere
                yield instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            }
        };
    }

    /** The field as the filter language writes it, keys backticked where they need it. */
    @Override
    public String toString() {
        return switch (kind.keys()) {
            case 0 -> kind.text();
            case 1 -> kind.text() + "." + quoteKey(key);
            default -> kind.text() + "." + quoteKey(key) + "." + quoteKey(subkey);
        };
    }

    private static String quoteKey(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_-]*") ? key : "`" + key.replace("`", "``") + "`";
    }
}
