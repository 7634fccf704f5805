package dev.modelregistry.search;

import java.util.List;

/**
 * One token of the filter language, as {@link FilterLexer} reads it.
 *
 * @param kind     what it is
 * @param raw      the token as it appears in the text ({@code "end of text"} at the end)
 * @param offset   where it starts in the text, in chars from 0
 * @param value    a string literal's content with the doubled quotes undone, an operator's
 *                 normalised symbol ({@code ==} is {@code =}, {@code <>} is {@code !=}); else {@code raw}
 * @param segments a word's dot-separated parts ({@code tags.`my key`} is {@code tags} and {@code my key});
 *                 empty for other tokens
 */
record Token(Kind kind, String raw, int offset, String value, List<Segment> segments) {

    /** What a token is. */
    enum Kind {
        /** A field name or keyword: letters, digits and {@code _}, then {@code .}-separated keys. */
        WORD,
        /** A quoted string: {@code '...'} or {@code "..."}. */
        STRING,
        /** {@code -?digits[.digits][e[+-]digits]}. */
        NUMBER,
        /** A comparison operator. */
        OPERATOR,
        LEFT_PAREN,
        RIGHT_PAREN,
        COMMA,
        END
    }

    /** A part of a word between dots; {@code quoted} if it was written in backticks or double quotes. */
    record Segment(String text, boolean quoted) {
    }

    Token {
        segments = List.copyOf(segments);
    }

    /** Whether this is the keyword {@code keyword} (case-insensitive; a word with dots or quotes never is). */
    boolean is(String keyword) {
        return kind == Kind.WORD && segments.size() == 1 && !segments.get(0).quoted()
                && segments.get(0).text().equalsIgnoreCase(keyword);
    }

    /** The token as an error message shows it: as written, abbreviated when long. */
    String shown() {
        return raw.length() > 60 ? raw.substring(0, 57) + "..." : raw;
    }
}
