package dev.modelregistry.search;

import dev.modelregistry.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The filter language's parser (docs/SEARCH.md): recursive descent over {@link FilterLexer}'s tokens,
 * one token of lookahead.
 *
 * <pre>
 * filter     = [ or_expr ]
 * or_expr    = and_expr { OR and_expr }
 * and_expr   = not_expr { AND not_expr }
 * not_expr   = NOT not_expr | primary
 * primary    = "(" or_expr ")" | comparison
 * </pre>
 *
 * <p>Nesting is counted while descending: each {@code (} and each {@code NOT} is a level, a {@code (}
 * right after {@code NOT} shares its level (that is how {@link Filter.Not#toString} writes it), and
 * more than {@link Filter#DEPTH} levels is an error before the stack grows any further.
 */
final class FilterParser {

    private static final String OPERATOR =
            "a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, IS)";

    private final FilterLexer lexer;
    private Token ahead;

    private FilterParser(String text) {
        this.lexer = new FilterLexer(text);
    }

    static Filter filter(String text) {
        FilterParser parser = new FilterParser(checked(text, "filter"));
        if (parser.peek().kind() == Token.Kind.END) {
            return Filter.ALL;
        }
        Filter filter = parser.or(0);
        Token end = parser.peek();
        if (end.kind() != Token.Kind.END) {
            throw parser.lexer.error(end, "AND, OR or end of text");
        }
        Shape.check(filter);
        return filter;
    }

    static Order order(String text) {
        FilterParser parser = new FilterParser(checked(text, "order"));
        Field field = FieldNames.resolve(parser.peek(), parser.lexer);
        parser.advance();
        boolean descending = false;
        boolean directed = false;
        if (parser.peek().is("ASC") || parser.peek().is("DESC")) {
            descending = parser.advance().is("DESC");
            directed = true;
        }
        Token end = parser.peek();
        if (end.kind() != Token.Kind.END) {
            throw parser.lexer.error(end, directed ? "end of text" : "ASC, DESC or end of text");
        }
        return new Order(field, descending);
    }

    private static String checked(String text, String what) {
        Objects.requireNonNull(text, what);
        if (text.length() > SearchQuery.FILTER_LENGTH) {
            throw new InvalidInputException(what, text, "has " + text.length() + " characters, more than "
                    + SearchQuery.FILTER_LENGTH);
        }
        return text;
    }

    private Token peek() {
        if (ahead == null) {
            ahead = lexer.next();
        }
        return ahead;
    }

    private Token advance() {
        Token token = peek();
        ahead = null;
        return token;
    }

    private Token expect(Token.Kind kind, String expected) {
        if (peek().kind() != kind) {
            throw lexer.error(peek(), expected);
        }
        return advance();
    }

    private void enter(int depth, Token token) {
        if (depth > Filter.DEPTH) {
            throw lexer.error(token, "at most " + Filter.DEPTH + " levels of parentheses and NOT");
        }
    }

    private Filter or(int depth) {
        List<Filter> operands = new ArrayList<>();
        operands.add(and(depth));
        while (peek().is("OR")) {
            advance();
            operands.add(and(depth));
        }
        return operands.size() == 1 ? operands.get(0) : new Filter.Or(operands);
    }

    private Filter and(int depth) {
        List<Filter> operands = new ArrayList<>();
        operands.add(not(depth));
        while (peek().is("AND")) {
            advance();
            operands.add(not(depth));
        }
        return operands.size() == 1 ? operands.get(0) : new Filter.And(operands);
    }

    private Filter not(int depth) {
        if (peek().is("NOT")) {
            enter(depth + 1, advance());
            if (peek().kind() == Token.Kind.LEFT_PAREN) {
                return new Filter.Not(group(depth + 1));
            }
            return new Filter.Not(not(depth + 1));
        }
        if (peek().kind() == Token.Kind.LEFT_PAREN) {
            enter(depth + 1, peek());
            return group(depth + 1);
        }
        return comparison();
    }

    /** {@code ( or_expr )}, its content at {@code depth}. */
    private Filter group(int depth) {
        advance();
        Filter inner = or(depth);
        expect(Token.Kind.RIGHT_PAREN, "AND, OR or ')'");
        return inner;
    }

    private Filter comparison() {
        Field field = FieldNames.resolve(peek(), lexer);
        advance();
        Token token = peek();
        if (token.kind() == Token.Kind.OPERATOR) {
            advance();
            Comparison op = comparison(token.value());
            return new Filter.Compare(field, op, literal(field, advance()));
        }
        if (token.is("NOT")) {
            advance();
            if (!peek().is("LIKE") && !peek().is("ILIKE") && !peek().is("IN")) {
                throw lexer.error(peek(), "LIKE, ILIKE or IN after NOT");
            }
            return new Filter.Not(likeOrIn(field));
        }
        if (token.is("LIKE") || token.is("ILIKE") || token.is("IN")) {
            return likeOrIn(field);
        }
        if (token.is("IS")) {
            advance();
            boolean negated = peek().is("NOT");
            if (negated) {
                advance();
            }
            if (!peek().is("NULL")) {
                throw lexer.error(peek(), negated ? "NULL" : "NULL or NOT NULL");
            }
            advance();
            Filter missing = new Filter.Missing(field);
            return negated ? new Filter.Not(missing) : missing;
        }
        throw lexer.error(token, OPERATOR);
    }

    private static Comparison comparison(String symbol) {
        for (Comparison c : Comparison.values()) {
            if (c.symbol().equals(symbol)) {
                return c;
            }
        }
        throw new IllegalStateException("operator " + symbol);
    }

    /** {@code LIKE string}, {@code ILIKE string} or {@code IN (values)}, at the keyword. */
    private Filter likeOrIn(Field field) {
        Token keyword = advance();
        if (keyword.is("IN")) {
            expect(Token.Kind.LEFT_PAREN, "'(' and a list of values after IN");
            List<Object> values = new ArrayList<>();
            values.add(literal(field, advance()));
            while (peek().kind() == Token.Kind.COMMA) {
                advance();
                values.add(literal(field, advance()));
            }
            expect(Token.Kind.RIGHT_PAREN, "',' or ')'");
            return new Filter.In(field, values);
        }
        Token pattern = expect(Token.Kind.STRING, "a quoted string (the " + keyword.raw() + " pattern)");
        return new Filter.Like(field, pattern.value(), keyword.is("ILIKE"));
    }

    /**
     * A literal as {@code field}'s type takes it; {@link Field#value} refuses what still does not fit.
     * Quoted strings are text, ISO-8601 times for TIME fields, and whole numbers for INTEGER and TIME
     * fields when they are digits ({@code version_number = '3'}); numbers are Doubles for NUMBER
     * fields and Longs (epoch milliseconds for TIME) when whole.
     */
    private Object literal(Field field, Token token) {
        Field.Type type = field.kind().type();
        if (token.kind() == Token.Kind.STRING) {
            String s = token.value();
            if ((type == Field.Type.INTEGER || type == Field.Type.TIME) && s.matches("-?[0-9]{1,18}")) {
                return type == Field.Type.TIME ? Instant.ofEpochMilli(Long.parseLong(s)) : Long.valueOf(s);
            }
            return type == Field.Type.TIME ? instant(field, s) : s;
        }
        if (token.kind() == Token.Kind.NUMBER) {
            String n = token.value();
            boolean whole = n.chars().noneMatch(c -> c == '.' || c == 'e' || c == 'E');
            if (type != Field.Type.NUMBER && whole && n.length() <= (n.startsWith("-") ? 19 : 18)) {
                return Long.valueOf(n);
            }
            return Double.valueOf(n);
        }
        throw lexer.error(token, expectedValue(field));
    }

    private static Instant instant(Field field, String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new InvalidInputException(field + " value", s, "not an ISO-8601 time such as "
                            + "2026-01-01T00:00:00Z, 2026-01-01T00:00:00+02:00 or 2026-01-01");
                }
            }
        }
    }

    private static String expectedValue(Field field) {
        switch (field.kind().type()) {
            case NUMBER:
                return "a number";
            case INTEGER:
                return "a whole number";
            case TIME:
                return "a quoted ISO-8601 time or epoch milliseconds";
            default:
                return "a quoted string";
        }
    }
}
