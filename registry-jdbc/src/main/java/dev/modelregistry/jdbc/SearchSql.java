package dev.modelregistry.jdbc;

import dev.modelregistry.VersionRef;
import dev.modelregistry.search.Field;
import dev.modelregistry.search.Filter;
import dev.modelregistry.search.Order;
import dev.modelregistry.spi.SearchHit;
import dev.modelregistry.spi.SearchRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Runs searches as one statement each:
 *
 * <pre>
 * SELECT * FROM (SELECT v.model_name, v.version_number, &lt;key 0&gt; k0, ... FROM [&lt;driver&gt; JOIN] versions v
 *                WHERE &lt;filter&gt;) s
 * WHERE &lt;after the cursor&gt; ORDER BY &lt;keys, missing values last&gt; LIMIT n
 * </pre>
 *
 * The cursor condition is the keyset form of "comes after these key values" in the same order, with
 * missing values last in either direction, so every page costs what the first one does. The driver
 * ({@link SearchDriver}) narrows the versions to those an index finds before the filter is tested.
 */
final class SearchSql {

    private final Dialect dialect;
    private final FilterSql filters;

    SearchSql(Dialect dialect) {
        this.dialect = dialect;
        this.filters = new FilterSql(dialect);
    }

    List<SearchHit> search(Handle h, SearchRequest request) {
        SqlText sql = statement(h, request);
        return sql.bind(h.createQuery(sql.text()))
                .map((rs, ctx) -> hit(rs, request.order()))
                .list();
    }

    /** The database's plan of the search's statement, one line per row EXPLAIN returns, columns tab-separated. */
    String explain(Handle h, SearchRequest request) {
        SqlText sql = new SqlText().sql("EXPLAIN ").append(statement(h, request));
        return String.join("\n", sql.bind(h.createQuery(sql.text())).map((rs, ctx) -> {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                line.append(i == 1 ? "" : "\t").append(rs.getString(i));
            }
            return line.toString();
        }).list());
    }

    private SqlText statement(Handle h, SearchRequest request) {
        List<Order> order = request.order();
        SqlText sql = new SqlText().sql("SELECT * FROM (SELECT v.model_name, v.version_number");
        for (int i = 0; i < order.size(); i++) {
            sql.sql(", ");
            filters.orderValue(order.get(i).field(), sql);
            sql.sql(" AS k" + i);
        }
        sql.append(source(h, request.filter())).sql(") s");
        if (!request.after().isEmpty()) {
            sql.sql(" WHERE ").append(after(order, request.after(), 0));
        }
        sql.sql(" ORDER BY ");
        for (int i = 0; i < order.size(); i++) {
            Order o = order.get(i);
            String key = filters.orderKey(o.field(), "s.k" + i);
            sql.sql(i == 0 ? "" : ", ");
            if (FilterSql.column(o.field()) == null) {
                sql.sql("CASE WHEN s.k" + i + " IS NULL THEN 1 ELSE 0 END, ");
            }
            sql.sql(key + (o.descending() ? " DESC" : " ASC"));
        }
        return sql.sql(" LIMIT " + request.limit());
    }

    long count(Handle h, Filter filter) {
        SqlText sql = new SqlText().sql("SELECT COUNT(*)").append(source(h, filter));
        return sql.bind(h.createQuery(sql.text())).mapTo(Long.class).one();
    }

    /** {@code FROM ... WHERE <filter>}: the versions, started from the filter's driver if it has one. */
    private SqlText source(Handle h, Filter filter) {
        SearchDriver.Driver driver = new SearchDriver(h, dialect).of(filter);
        SqlText sql = new SqlText();
        if (driver == null) {
            sql.sql(" FROM versions v WHERE ");
        } else if (driver.onVersions() != null) {
            sql.sql(" FROM versions v WHERE ").append(driver.onVersions()).sql(" AND ");
        } else {
            sql.sql(" FROM (").append(driver.select()).sql(") dv JOIN versions v ON v.model_name = dv.model_name"
                    + " AND v.version_number = dv.version_number WHERE ");
        }
        return sql.append(filters.condition(filter));
    }

    /**
     * The rows after {@code values} from key {@code i} on: a larger key (smaller, descending), or a missing
     * one after a present one; or an equal key and the rows after on the next keys. The last keys are
     * the name and version, so rows that equal on every key are the cursor's own row.
     */
    private SqlText after(List<Order> order, List<Object> values, int i) {
        SqlText sql = new SqlText();
        if (i == order.size()) {
            return sql.sql("1 = 0");
        }
        Order o = order.get(i);
        String key = filters.orderKey(o.field(), "s.k" + i);
        Object value = values.get(i);
        boolean nullable = FilterSql.column(o.field()) == null;
        if (value == null) {
            return sql.sql("(s.k" + i + " IS NULL AND ").append(after(order, values, i + 1)).sql(")");
        }
        Object param = FilterSql.param(o.field(), value);
        sql.sql("(" + key + (o.descending() ? " < " : " > ")).value(param);
        if (nullable) {
            sql.sql(" OR s.k" + i + " IS NULL");
        }
        return sql.sql(" OR (" + key + " = ").value(param).sql(" AND ").append(after(order, values, i + 1)).sql("))");
    }

    private static SearchHit hit(ResultSet rs, List<Order> order) throws SQLException {
        List<Object> keys = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            Field field = order.get(i).field();
            int column = 3 + i;
            Object key = switch (field.kind().type()) {
                case TEXT -> rs.getString(column);
                case NUMBER -> rs.getDouble(column);
                case INTEGER -> rs.getLong(column);
                case TIME -> Instant.ofEpochMilli(rs.getLong(column));
            };
            keys.add(rs.wasNull() ? null : key);
        }
        return new SearchHit(VersionRef.of(rs.getString(1), rs.getInt(2)), keys);
    }
}
