package dev.modelregistry.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits filter text into {@link Token}s, one at a time as the parser asks, so that an error is
 * reported at the first thing that is wrong. Every character outside a quoted string or key is
 * either part of a token or whitespace; anything else (a {@code ;}, a comment, a typographic quote,
 * a backslash) is a {@link SearchSyntaxException}, never skipped.
 */
final class FilterLexer {

    static final String END = "end of text";

    private static final String ANY_TOKEN = "a field, an operator, a value, '(', ')', ',' or a keyword";
    private static final String KEY = "a key after '.': letters, digits, _ - : / or a key in backticks";

    private final String text;
    private int pos;

    FilterLexer(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The next token; {@link Token.Kind#END} at the end, as often as asked. */
    Token next() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
        if (pos >= text.length()) {
            return new Token(Token.Kind.END, END, pos, END, List.of());
        }
        int start = pos;
        char c = text.charAt(pos);
        switch (c) {
            case '(':
                pos++;
                return simple(Token.Kind.LEFT_PAREN, start, "(");
            case ')':
                pos++;
                return simple(Token.Kind.RIGHT_PAREN, start, ")");
            case ',':
                pos++;
                return simple(Token.Kind.COMMA, start, ",");
            case '=':
                pos += at(1) == '=' ? 2 : 1;
                return operator(start, "=");
            case '!':
                if (at(1) != '=') {
                    throw error(start, "!", "an operator (a lone ! is not one; write != or NOT)");
                }
                pos += 2;
                return operator(start, "!=");
            case '<':
                if (at(1) == '=' || at(1) == '>') {
                    pos += 2;
                    return operator(start, at(-1) == '=' ? "<=" : "!=");
                }
                pos++;
                return operator(start, "<");
            case '>':
                pos += at(1) == '=' ? 2 : 1;
                return operator(start, pos - start == 2 ? ">=" : ">");
            case '\'':
            case '"':
                String s = quoted(c, "string");
                return new Token(Token.Kind.STRING, text.substring(start, pos), start, s, List.of());
            default:
                if (c == '-' || isDigit(c)) {
                    return number(start);
                }
                if (isWordStart(c)) {
                    return word(start);
                }
                throw unknown(start);
        }
    }

    /** A syntax error at {@code offset}, with its 1-based line and column. */
    SearchSyntaxException error(int offset, String token, String expected) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = text.codePointCount(lineStart, Math.min(offset, text.length())) + 1;
        return new SearchSyntaxException(text, token, line, column, expected);
    }

    /** A syntax error at {@code token}. */
    SearchSyntaxException error(Token token, String expected) {
        return error(token.offset(), token.shown(), expected);
    }

    private Token simple(Token.Kind kind, int start, String raw) {
        return new Token(kind, raw, start, raw, List.of());
    }

    private Token operator(int start, String symbol) {
        return new Token(Token.Kind.OPERATOR, text.substring(start, pos), start, symbol, List.of());
    }

    private char at(int ahead) {
        int i = pos + ahead;
        return i >= 0 && i < text.length() ? text.charAt(i) : '\0';
    }

    /** Reads a quoted run starting at the quote {@code q}; a doubled quote stands for one. */
    private String quoted(char q, String what) {
        int open = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = open;
                throw error(open, text.substring(open), "the closing " + q + " of this " + what);
            }
            char ch = text.charAt(pos++);
            if (ch == q) {
                if (pos < text.length() && text.charAt(pos) == q) {
                    sb.append(q);
                    pos++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(ch);
            }
        }
    }

    private Token number(int start) {
        if (text.charAt(pos) == '-') {
            pos++;
            if (!isDigit(at(0))) {
                String shown = at(0) == '-' ? "--" : "-";
                throw error(start, shown, "a digit after '-' (the filter language has no comments)");
            }
        }
        digits();
        if (at(0) == '.' && isDigit(at(1))) {
            pos++;
            digits();
        }
        if ((at(0) == 'e' || at(0) == 'E')
                && (isDigit(at(1)) || ((at(1) == '+' || at(1) == '-') && isDigit(at(2))))) {
            pos += isDigit(at(1)) ? 1 : 2;
            digits();
        }
        String raw = text.substring(start, pos);
        return new Token(Token.Kind.NUMBER, raw, start, raw, List.of());
    }

    private void digits() {
        while (isDigit(at(0))) {
            pos++;
        }
    }

    private Token word(int start) {
        List<Token.Segment> segments = new ArrayList<>();
        while (pos < text.length() && isWordPart(text.charAt(pos))) {
            pos++;
        }
        segments.add(new Token.Segment(text.substring(start, pos), false));
        while (at(0) == '.') {
            pos++;
            char c = at(0);
            if (pos >= text.length()) {
                throw error(pos, END, KEY);
            } else if (c == '`' || c == '"') {
                segments.add(new Token.Segment(quoted(c, "key"), true));
            } else if (isKeyPart(c)) {
                int keyStart = pos;
                while (pos < text.length() && isKeyPart(text.charAt(pos))) {
                    pos++;
                }
                segments.add(new Token.Segment(text.substring(keyStart, pos), false));
            } else {
                throw error(pos, shown(pos), KEY);
            }
        }
        return new Token(Token.Kind.WORD, text.substring(start, pos), start, text.substring(start, pos), segments);
    }

    private SearchSyntaxException unknown(int at) {
        int c = text.codePointAt(at);
        String hint;
        if (c == ';') {
            hint = " (a filter is one expression; join comparisons with AND or OR)";
        } else if (c == '/' && at(1) == '*' || c == '#') {
            hint = " (the filter language has no comments)";
        } else if ("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb".indexOf(c) >= 0) {
            hint = " (typographic quotes do not quote: use ' or \")";
        } else if (c == '\\') {
            hint = " (a backslash may only appear inside a quoted string)";
        } else if (c == '`') {
            hint = " (backticks quote a key after a dot, as in tags.`my key`)";
        } else {
            hint = "";
        }
        return error(at, shown(at), ANY_TOKEN + hint);
    }

    /** The character at {@code at} as an error shows it: itself, or U+XXXX if it is invisible. */
    private String shown(int at) {
        int c = text.codePointAt(at);
        if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSpaceChar(c)) {
            return String.format("U+%04X", c);
        }
        return new String(Character.toChars(c));
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }

    private static boolean isKeyPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '/';
    }
}
