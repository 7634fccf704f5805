package dev.modelregistry.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL text under construction with its positional parameters in the order their {@code ?} appear.
 * User values travel as parameters; the text holds this module's own SQL and, as the one exception,
 * string literals made only of letters, digits and {@code . _ - / :} ({@link #word}), which cannot
 * end a literal or start anything else. Not thread-safe.
 */
final class SqlText {

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._/:-]{1,200}");

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

    /** Whether {@code value} may be written as a literal by {@link #word}. */
    static boolean isWord(Object value) {
        return value instanceof String s && WORD.matcher(s).matches();
    }

    /**
     * Appends {@code value} as a string literal.
     *
     * @throws IllegalArgumentException unless {@link #isWord} holds for it
     */
    SqlText word(String value) {
        if (!isWord(value)) {
            throw new IllegalArgumentException("not a plain word, so it must be a parameter: " + value);
        }
        text.append('\'').append(value).append('\'');
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
