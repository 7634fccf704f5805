package dev.modelregistry.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns untrusted text into Markdown, tables and YAML that show it as written and cannot change the
 * document's structure or add HTML.
 */
final class MarkdownText {

    /** What may go into a code span as it is: no backtick, no HTML, nothing a renderer would read. */
    private static final Pattern PLAIN_CODE = Pattern.compile("[0-9A-Za-z:._-]+");

    private MarkdownText() {
    }

    /**
     * {@code text} for a paragraph, a list item or a table cell, on one line: {@code < > &} and the
     * backtick as HTML entities, the Markdown punctuation {@code \ | * _ [ ] ~} escaped with a
     * backslash, line breaks as {@code <br>}.
     *
     * <p>The result never starts a block (callers put it after a fixed prefix on its line), never
     * opens a code span, link, emphasis or HTML tag, and never ends a table cell.
     */
    static String text(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '`' -> out.append("&#96;");
                case '\\', '|', '*', '_', '[', ']', '~' -> out.append('\\').append(c);
                case '\r' -> {
                    out.append("<br>");
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n' -> out.append("<br>");
                default -> out.append(Character.isISOControl(c) && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** {@code value} in a code span if it is plainly safe there (a digest, a number), else as {@link #text}. */
    static String code(String value) {
        return PLAIN_CODE.matcher(value).matches() ? "`" + value + "`" : text(value);
    }

    /** {@code value} as {@link #text}, or {@code fallback} (trusted) if it is empty. */
    static String textOr(String value, String fallback) {
        return value.isEmpty() ? fallback : text(value);
    }

    /**
     * Appends a table: the header row, the delimiter row and one row per entry of {@code rows}, whose
     * cells the caller has already escaped (with {@link #text} or {@link #code}).
     */
    static void table(StringBuilder out, List<String> headers, List<List<String>> rows) {
        row(out, headers);
        out.append('|');
        headers.forEach(h -> out.append("---|"));
        out.append('\n');
        rows.forEach(r -> row(out, r));
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.isEmpty() ? "—" : cell).append(" |");
        }
        out.append('\n');
    }

    /**
     * {@code value} as a double-quoted YAML scalar on one line: backslash, quote, control characters
     * and Unicode line separators escaped, and {@code < > & ` [ ]} written as YAML Unicode escapes, so
     * that a renderer that does not know front matter and shows it as text finds no HTML, code span or
     * link in it. YAML readers get the value exactly as written.
     */
    static String yaml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                            || "<>&`[]".indexOf(c) >= 0) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The values as a YAML flow sequence of double-quoted scalars: {@code ["a", "b"]}, or {@code []}. */
    static String yamlList(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(yaml(values.get(i)));
        }
        return out.append(']').toString();
    }
}
