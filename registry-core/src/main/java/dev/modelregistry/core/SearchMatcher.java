package dev.modelregistry.core;

import dev.modelregistry.search.Field;
import dev.modelregistry.search.Filter;
import dev.modelregistry.search.Order;
import dev.modelregistry.spi.LineageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The meaning of a search, evaluated in memory: which versions a filter matches and how keys order.
 * The in-memory store answers searches with it, and the SQL backends are tested against it; so this
 * is the reference docs/SEARCH.md describes. Stateless.
 */
final class SearchMatcher {

    private SearchMatcher() {
    }

    /** Whether {@code filter} holds for the version. */
    static boolean matches(Filter filter, SearchView view) {
        if (filter instanceof Filter.All) {
            return true;
        }
        if (filter instanceof Filter.And and) {
            return and.filters().stream().allMatch(f -> matches(f, view));
        }
        if (filter instanceof Filter.Or or) {
            return or.filters().stream().anyMatch(f -> matches(f, view));
        }
        if (filter instanceof Filter.Not not) {
            return !matches(not.filter(), view);
        }
        if (filter instanceof Filter.Missing missing) {
            return view.values(missing.field()).isEmpty();
        }
        if (filter instanceof Filter.In in) {
            List<Object> values = view.values(in.field());
            return in.values().stream().anyMatch(wanted -> values.stream().anyMatch(v -> same(in.field(), v, wanted)));
        }
        if (filter instanceof Filter.Like like) {
            Pattern pattern = pattern(like.pattern(), like.ignoreCase());
            return view.values(like.field()).stream()
                    .anyMatch(v -> pattern.matcher(like.ignoreCase() ? fold((String) v) : (String) v).matches());
        }
        Filter.Compare compare = (Filter.Compare) filter;
        List<Object> values = view.values(compare.field());
        if (compare.field().kind().multiValued()) {
            boolean some = values.stream().anyMatch(v -> same(compare.field(), v, compare.value()));
            return switch (compare.op()) {
                case EQ -> some;
                case NE -> !some;
                default -> throw new IllegalStateException(compare + " on a multi-valued field");
            };
        }
        return values.stream().anyMatch(v -> compare.op().holds(compareValues(v, compare.value())));
    }

    /** Whether a version's value of a field equals a filter's value, as {@code =} compares them. */
    private static boolean same(Field field, Object value, Object wanted) {
        return switch (field.kind()) {
            case DATASET -> value.equals(LineageRecord.DatasetLink.searchKey((String) wanted));
            case PARENT -> {
                String w = (String) wanted;
                yield w.indexOf('@') < 0 ? ((String) value).startsWith(w + "@") : value.equals(w);
            }
            default -> compareValues(value, wanted) == 0;
        };
    }

    /** Text by code point, numbers by value (so -0.0 equals 0.0), instants by time. */
    static int compareValues(Object a, Object b) {
        if (a instanceof String x) {
            return compareCodePoints(x, (String) b);
        }
        if (a instanceof Instant x) {
            return x.compareTo((Instant) b);
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The order of searches: key by key, in each key's direction, a missing value after every other. */
    static Comparator<List<Object>> keyOrder(List<Order> order) {
        return (a, b) -> compareKeys(order, a, b);
    }

    static int compareKeys(List<Order> order, List<Object> a, List<Object> b) {
        for (int i = 0; i < order.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x == null || y == null) {
                c = x == null ? (y == null ? 0 : 1) : -1;
            } else {
                c = compareValues(x, y);
                if (order.get(i).descending()) {
                    c = -c;
                }
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The version's value of each ordering key, null where it has none. */
    static List<Object> keys(List<Order> order, SearchView view) {
        List<Object> keys = new ArrayList<>(order.size());
        for (Order o : order) {
            List<Object> values = view.values(o.field());
            keys.add(values.isEmpty() ? null : values.get(0));
        }
        return keys;
    }

    /** Case folding of ILIKE: lower case, independent of the default locale. */
    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** A LIKE pattern as a regular expression: % any run, _ one code point, \ escapes. */
    private static Pattern pattern(String like, boolean ignoreCase) {
        String p = ignoreCase ? fold(like) : like;
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < p.length(); ) {
            int c = p.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\\' && i < p.length()) {
                int next = p.codePointAt(i);
                i += Character.charCount(next);
                regex.append(Pattern.quote(new String(Character.toChars(next))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(new String(Character.toChars(c))));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
