package dev.modelregistry.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL text under construction with its positional parameters in the order their {@code ?} appear.
 * User values only ever travel as parameters; the text holds nothing but this module's own SQL.
 * Not thread-safe.
 */
final class SqlText {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> binds = new ArrayList<>();

    SqlText sql(String sql) {
        text.append(sql);
        return this;
    }

    /** Appends {@code ?} for {@code value}. */
    SqlText value(Object value) {
        text.append('?');
        binds.add(value);
        return this;
    }

    SqlText append(SqlText other) {
        text.append(other.text);
        binds.addAll(other.binds);
        return this;
    }

    boolean isEmpty() {
        return text.length() == 0;
    }

    Query bind(Query query) {
        for (int i = 0; i < binds.size(); i++) {
            query.bind(i, binds.get(i));
        }
        return query;
    }

    String text() {
        return text.toString();
    }

    @Override
    public String toString() {
        return text + " " + binds;
    }
}
