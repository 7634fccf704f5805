package dev.modelregistry.search;

import dev.modelregistry.InvalidInputException;

/**
 * Thrown when a filter or order text is not in the filter language: names the line and column
 * (both from 1) of the offending token, the token, and what was expected there.
 */
public final class SearchSyntaxException extends InvalidInputException {

    private final int line;
    private final int column;
    private final String expected;

    /**
     * @param text     the whole text that was parsed
     * @param token    the offending token, or {@code "end of text"}
     * @param line     its line, from 1
     * @param column   its column, from 1
     * @param expected what would have been accepted there
     */
    public SearchSyntaxException(String text, String token, int line, int column, String expected) {
        super("filter", text, "at line " + line + ", column " + column + ": expected " + expected + " but found "
                + token);
        this.line = line;
        this.column = column;
        this.expected = expected;
    }

    /** The line of the offending token, from 1. */
    public int line() {
        return line;
    }

    /** The column of the offending token, from 1. */
    public int column() {
        return column;
    }

    /** What the parser expected there. */
    public String expected() {
        return expected;
    }
}
