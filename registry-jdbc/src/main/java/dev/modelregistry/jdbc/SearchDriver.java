package dev.modelregistry.jdbc;

import dev.modelregistry.search.Comparison;
import dev.modelregistry.search.Field;
import dev.modelregistry.search.Filter;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Picks the versions an index can find for a filter: a superset of the versions it matches, read as
 * {@code (model_name, version_number)} rows, so that a search tests the filter on those instead of on
 * every version. H2 has no semi-join and would otherwise test every version; the other databases'
 * planners also start from it, since the driver is the first table of the join.
 *
 * <p>A leaf that an index serves drives itself: a tag or param value, a metric comparison, a stage, a
 * name or name prefix, an alias, a dataset, a parent, a run id. An {@code OR} is driven by the union of
 * its operands' drivers if every operand has one. An {@code AND} is driven by the smallest of its
 * operands' drivers, found by counting each, up to {@link #PROBE} rows, in the search's own read; so
 * choosing costs a few index reads and never changes the answer, only its speed. Anything under
 * {@code NOT} drives nothing. Not thread-safe; one per search.
 */
final class SearchDriver {

    /** Most rows a probe counts: a driver beyond this is large and drives only if nothing smaller does. */
    static final int PROBE = 2_000;
    /** A driver with fewer rows than this is taken without probing the others. */
    static final int SMALL = 500;

    private final Handle handle;
    private final Dialect dialect;

    SearchDriver(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    /**
     * A driver: the {@code (model_name, version_number)} rows it selects, and, when they come from
     * {@code versions} itself, the same condition on {@code versions v}, which then needs no join.
     */
    record Driver(SqlText select, SqlText onVersions, int rank) {
    }

    /** Probing order: the kinds of leaf that usually find the fewest versions first. */
    private static int rank(Field.Kind kind) {
        return switch (kind) {
            case DATASET, PARENT, RUN_ID, ALIAS -> 0;
            case TAG, PARAM, NAME -> 1;
            case METRIC -> 2;
            default -> 3;
        };
    }

    /** The driver of {@code filter}, or null if it has none. */
    Driver of(Filter filter) {
        if (filter instanceof Filter.And and) {
            List<Driver> candidates = new ArrayList<>();
            for (Filter f : and.filters()) {
                Driver driver = of(f);
                if (driver != null) {
                    candidates.add(driver);
                }
            }
            return smallest(candidates);
        }
        if (filter instanceof Filter.Or or) {
            SqlText union = new SqlText();
            for (Filter f : or.filters()) {
                Driver driver = of(f);
                if (driver == null) {
                    return null;
                }
                union.sql(union.isEmpty() ? "" : " UNION ").append(driver.select());
            }
            return new Driver(union, null, 3);
        }
        return leaf(filter);
    }

    /**
     * The candidate with the fewest rows, each counted up to {@link #PROBE} by reading them through its
     * index, in the order of their {@link #rank}; one with fewer than {@link #SMALL} rows is taken at once.
     */
    private Driver smallest(List<Driver> candidates) {
        if (candidates.size() < 2) {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
        Driver best = null;
        long fewest = Long.MAX_VALUE;
        for (Driver candidate : candidates.stream().sorted(java.util.Comparator.comparingInt(Driver::rank)).toList()) {
            long rows;
            try (var stream = candidate.select().bind(handle.createQuery(candidate.select().text() + " LIMIT " + PROBE))
                    .mapTo(String.class).stream()) {
                rows = stream.count();
            }
            if (rows < fewest) {
                best = candidate;
                fewest = rows;
                if (rows < SMALL) {
                    break;
                }
            }
        }
        return best;
    }

    /**
     * A union with one select per value, each on the index of its own kind: a URI by its hash or a
     * {@code sha256:} digest; a {@code model@version} or a whole model.
     */
    private static Driver lineage(Field field, List<Object> values) {
        SqlText sql = new SqlText();
        String table = field.kind() == Field.Kind.DATASET ? "lineage_datasets" : "lineage_parents";
        for (Object value : values) {
            sql.sql(sql.isEmpty() ? "" : " UNION ").sql("SELECT DISTINCT model_name, version_number FROM " + table
                    + " WHERE ");
            FilterSql.lineageTest(field, value, "", sql);
        }
        return new Driver(sql, null, 0);
    }

    /**
     * The versions whose name starts with the literal prefix of a LIKE pattern (up to its first wildcard),
     * or null if it starts with one. H2 and MariaDB read it as a range of the primary key, which holds every
     * string with the prefix since both order by code unit or code point; PostgreSQL as a LIKE, which its
     * {@code text_pattern_ops} index serves whatever the database's collation.
     */
    private Driver namePrefix(String pattern) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%' || c == '_') {
                break;
            }
            if (c == '\\' && i + 1 < pattern.length()) {
                c = pattern.charAt(++i);
            }
            prefix.append(c);
        }
        int last = prefix.length() - 1;
        if (last < 0 || prefix.charAt(last) == Character.MAX_VALUE || Character.isSurrogate(prefix.charAt(last))
                || Character.isSurrogate((char) (prefix.charAt(last) + 1))) {
            return null;
        }
        String from = prefix.toString();
        SqlText test = new SqlText();
        if (dialect == Dialect.POSTGRESQL) {
            test.sql(" LIKE ").value(FilterSql.likePattern(from.replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%")).sql(" ESCAPE '" + FilterSql.ESCAPE + "'");
            return onVersions("model_name", test, Field.Kind.NAME);
        }
        prefix.setCharAt(last, (char) (prefix.charAt(last) + 1));
        SqlText range = new SqlText().sql(" >= ").value(from);
        SqlText below = new SqlText().sql(" < ").value(prefix.toString());
        return new Driver(new SqlText().sql("SELECT model_name, version_number FROM versions WHERE model_name")
                .append(range).sql(" AND model_name").append(below),
                new SqlText().sql("v.model_name").append(range).sql(" AND v.model_name").append(below), rank(Field.Kind.NAME));
    }

    /** A driver on a column of {@code versions}: {@code column test}. */
    private static Driver onVersions(String column, SqlText test, Field.Kind kind) {
        return new Driver(new SqlText().sql("SELECT model_name, version_number FROM versions WHERE " + column).append(test),
                new SqlText().sql("v." + column).append(test), rank(kind));
    }

    private Driver leaf(Filter filter) {
        Field field;
        SqlText test = new SqlText();
        if (filter instanceof Filter.Compare c) {
            field = c.field();
            boolean indexedRange = field.kind() == Field.Kind.METRIC;
            if (c.op() == Comparison.NE || (c.op() != Comparison.EQ && !indexedRange)) {
                return null;
            }
            test.sql(" " + c.op().symbol() + " ").value(FilterSql.param(field, c.value()));
        } else if (filter instanceof Filter.In in) {
            field = in.field();
            test.sql(" IN (");
            for (int i = 0; i < in.values().size(); i++) {
                test.sql(i == 0 ? "" : ", ").value(FilterSql.param(field, in.values().get(i)));
            }
            test.sql(")");
        } else if (filter instanceof Filter.Like like && like.field().kind() == Field.Kind.NAME && !like.ignoreCase()) {
            return namePrefix(like.pattern());
        } else {
            return null;
        }
        // one row per version in each of these tables for one key, except aliases, so no DISTINCT
        SqlText sql = new SqlText().sql("SELECT model_name, version_number FROM ");
        switch (field.kind()) {
            case NAME -> {
                return onVersions("model_name", test, Field.Kind.NAME);
            }
            case STAGE -> {
                return onVersions("stage", test, Field.Kind.STAGE);
            }
            case ALIAS -> sql = new SqlText().sql("SELECT DISTINCT model_name, version_number FROM model_aliases WHERE alias");
            case RUN_ID -> sql.sql("version_lineage WHERE run_id");
            case TAG -> sql.sql("version_tags WHERE item_key = ").value(field.key()).sql(" AND item_value");
            case PARAM -> sql.sql("version_params WHERE item_key = ").value(field.key()).sql(" AND item_value");
            case METRIC -> sql.sql("version_metrics WHERE item_key = ").value(field.key()).sql(" AND metric_value");
            case DATASET, PARENT -> {
                return lineage(field, filter instanceof Filter.In in ? in.values()
                        : List.of(((Filter.Compare) filter).value()));
            }
            default -> {
                return null;
            }
        }
        return new Driver(sql.append(test), null, rank(field.kind()));
    }
}
