package dev.modelregistry.search;

import dev.modelregistry.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which versions a search returns: a tree of comparisons joined with {@code AND}, {@code OR} and
 * {@code NOT}. Written in the filter language ({@link #parse}) or built from {@link Field}s; both make
 * the same tree, which every backend translates (docs/SEARCH.md).
 *
 * <p>A comparison with a value the version does not have (a missing tag, metric, run) is false, so
 * {@code tags.team != 'risk'} finds versions that have a team tag other than risk, while
 * {@code NOT tags.team = 'risk'} also finds those without one. On fields a version may hold several
 * values of ({@code alias}, {@code dataset}, {@code parent}), a comparison holds if some value
 * satisfies it, and {@code !=}, {@code NOT IN} and {@code NOT LIKE} hold if none has the value.
 */
public sealed interface Filter permits Filter.All, Filter.Compare, Filter.Like, Filter.In, Filter.Missing,
        Filter.And, Filter.Or, Filter.Not {

    /** Most values one {@code IN} list may hold. */
    int IN_VALUES = 1_000;
    /** Most comparisons one filter may hold. */
    int COMPARISONS = 256;
    /** Deepest nesting of {@code AND}, {@code OR}, {@code NOT} and parentheses. */
    int DEPTH = 32;

    /** Every version. */
    Filter ALL = new All();

    /**
     * Parses the filter language (docs/SEARCH.md), which accepts every MLflow model registry filter
     * string with MLflow's meaning. An empty or blank text matches every version.
     *
     * @throws SearchSyntaxException if the text is not a filter, naming the line, the column and what
     *                               was expected there
     * @throws InvalidInputException if it compares a field with a value of the wrong type, or is too large
     */
    static Filter parse(String text) {
        return FilterParser.filter(text);
    }

    /** {@code this AND other}. */
    default Filter and(Filter other) {
        return allOf(this, other);
    }

    /** {@code this OR other}. */
    default Filter or(Filter other) {
        return anyOf(this, other);
    }

    /** {@code NOT this}. */
    default Filter negate() {
        return new Not(this);
    }

    /**
     * Every one of {@code filters}: the filter itself if there is one, {@link #ALL} if there is none, and
     * operands that match everything left out.
     */
    static Filter allOf(Filter... filters) {
        List<Filter> operands = Arrays.stream(filters).filter(f -> !(Objects.requireNonNull(f, "AND operand")
                instanceof All)).toList();
        return operands.isEmpty() ? ALL : operands.size() == 1 ? operands.get(0) : new And(operands);
    }

    /** At least one of {@code filters}: the filter itself if there is one; {@link #ALL} if one of them is. */
    static Filter anyOf(Filter... filters) {
        List<Filter> operands = List.of(filters);
        if (operands.isEmpty()) {
            throw new IllegalArgumentException("OR needs at least one operand");
        }
        return operands.stream().anyMatch(f -> f instanceof All) ? ALL
                : operands.size() == 1 ? operands.get(0) : new Or(operands);
    }

    /** Matches every version. */
    record All() implements Filter {
        @Override
        public String toString() {
            return "";
        }
    }

    /**
     * {@code field op value}.
     *
     * @param value a {@code String}, {@code Double}, {@code Long} or {@code Instant}, as {@link Field#value} makes it
     */
    record Compare(Field field, Comparison op, Object value) implements Filter {
        public Compare {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            value = field.value(value);
            if (op != Comparison.EQ && op != Comparison.NE && (field.kind() == Field.Kind.DATASET
                    || field.kind() == Field.Kind.PARENT || field.kind() == Field.Kind.ALIAS)) {
                throw new InvalidInputException("operator", op.symbol(), field + " compares only with =, !=, IN"
                        + (field.kind() == Field.Kind.ALIAS ? ", LIKE" : "") + " and IS NULL");
            }
            Values.check(field, value);
        }

        @Override
        public String toString() {
            return field + " " + op.symbol() + " " + Values.literal(value);
        }
    }

    /**
     * {@code field LIKE pattern} or {@code field ILIKE pattern}: {@code %} stands for any run of
     * characters, {@code _} for one, and {@code \} makes the next character stand for itself.
     */
    record Like(Field field, String pattern, boolean ignoreCase) implements Filter {
        private static final Pattern DANGLING = Pattern.compile("(?<!\\\\)(\\\\\\\\)*\\\\$");

        public Like {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pattern, "pattern");
            if (field.kind().type() != Field.Type.TEXT || field.kind() == Field.Kind.DATASET
                    || field.kind() == Field.Kind.PARENT) {
                throw new InvalidInputException("operator", ignoreCase ? "ILIKE" : "LIKE",
                        field + " cannot be matched with a pattern");
            }
            if (DANGLING.matcher(pattern).find()) {
                throw new InvalidInputException("LIKE pattern", pattern, "ends in an escaping backslash");
            }
        }

        @Override
        public String toString() {
            return field + (ignoreCase ? " ILIKE " : " LIKE ") + Values.literal(pattern);
        }
    }

    /** {@code field IN (values)}; {@code NOT IN} is its {@link Not}. */
    record In(Field field, List<Object> values) implements Filter {
        public In {
            Objects.requireNonNull(field, "field");
            if (values.isEmpty() || values.size() > IN_VALUES) {
                throw new InvalidInputException("IN list", Integer.toString(values.size()) + " values",
                        "must hold 1 to " + IN_VALUES + " values");
            }
            List<Object> checked = new ArrayList<>(values.size());
            for (Object v : values) {
                Object value = field.value(v);
                Values.check(field, value);
                checked.add(value);
            }
            values = List.copyOf(checked);
        }

        @Override
        public String toString() {
            return field + " IN (" + String.join(", ", values.stream().map(Values::literal).toList()) + ")";
        }
    }

    /** {@code field IS NULL}: the version has no value for the field; {@code IS NOT NULL} is its {@link Not}. */
    record Missing(Field field) implements Filter {
        public Missing {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public String toString() {
            return field + " IS NULL";
        }
    }

    /** Every one of {@code filters}: at least two, none of them {@link All} ({@link #allOf} builds one from any). */
    record And(List<Filter> filters) implements Filter {
        public And {
            filters = Values.operands(filters, "AND");
        }

        @Override
        public String toString() {
            return Values.join(filters, " AND ");
        }
    }

    /** At least one of {@code filters}: at least two, none of them {@link All} ({@link #anyOf} builds one from any). */
    record Or(List<Filter> filters) implements Filter {
        public Or {
            filters = Values.operands(filters, "OR");
        }

        @Override
        public String toString() {
            return Values.join(filters, " OR ");
        }
    }

    /** Not {@code filter}. */
    record Not(Filter filter) implements Filter {
        public Not {
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public String toString() {
            return "NOT (" + filter + ")";
        }
    }
}
