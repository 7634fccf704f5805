package dev.modelregistry.search;

import dev.modelregistry.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Checks and text forms shared by the filter records. */
final class Values {

    private Values() {
    }

    /** Field-specific checks of a value already of the field's type. */
    static void check(Field field, Object value) {
        if (field.kind() == Field.Kind.PARENT) {
            String s = (String) value;
            int at = s.lastIndexOf('@');
            if (s.isEmpty() || at == 0 || (at > 0 && !s.substring(at + 1).matches("[1-9][0-9]{0,9}"))) {
                throw new InvalidInputException("parent", s, "expected model@version or a model name");
            }
        }
    }

    static String literal(Object value) {
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof Instant i) {
            return "'" + i + "'";
        }
        return String.valueOf(value);
    }

    static List<Filter> operands(List<Filter> filters, String operator) {
        Objects.requireNonNull(filters, operator + " operands");
        if (filters.size() < 2) {
            throw new IllegalArgumentException(operator + " needs at least two operands; Filter.allOf and anyOf"
                    + " take any number");
        }
        filters.forEach(f -> {
            Objects.requireNonNull(f, operator + " operand");
            if (f instanceof Filter.All) {
                throw new IllegalArgumentException(operator + " operand matches every version; leave it out");
            }
        });
        return List.copyOf(filters);
    }

    static String join(List<Filter> filters, String operator) {
        return String.join(operator, filters.stream().map(f -> f instanceof Filter.And || f instanceof Filter.Or
                ? "(" + f + ")" : f.toString()).toList());
    }
}
