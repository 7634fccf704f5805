package dev.modelregistry.lineage;

import dev.modelregistry.InvalidInputException;

/** Checks the text fields of lineage records. */
final class LineageText {

    private LineageText() {
    }

    /** A required single-line value: not blank, at most {@code max} characters, no control or format characters. */
    static String check(String field, String value, int max) {
        if (value == null) {
            throw new InvalidInputException(field, "null", "is required");
        }
        if (value.isBlank()) {
            throw new InvalidInputException(field, value, "is blank");
        }
        return checkCharacters(field, value, max, false);
    }

    /** Free text, possibly empty: at most {@code max} characters; line breaks and tabs allowed, other control characters not. */
    static String text(String field, String value, int max) {
        if (value == null) {
            throw new InvalidInputException(field, "null", "is required (use an empty string for none)");
        }
        return checkCharacters(field, value, max, true);
    }

    private static String checkCharacters(String field, String value, int max, boolean multiline) {
        if (value.length() > max) {
            throw new InvalidInputException(field, value.substring(0, 64) + "...",
                    "longer than " + max + " characters (" + value.length() + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = multiline && (c == '\n' || c == '\t' || c == '\r');
            if (!allowed && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
                throw new InvalidInputException(field, value, String.format("contains the character U+%04X", (int) c));
            }
        }
        return value;
    }
}
