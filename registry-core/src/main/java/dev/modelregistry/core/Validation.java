package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Limits;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks user input before anything is written; every refusal names the offending value. */
final class Validation {

    private static final Pattern NAME_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:/ -]*");

    private Validation() {
    }

    /** A model name is {@code name} or {@code namespace/name}; each segment starts with a letter or digit. */
    static String modelName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("model name", name, "must not be empty");
        }
        noDeceptiveCharacters("model name", name);
        if (name.length() > Limits.MODEL_NAME_LENGTH) {
            throw new InvalidInputException("model name", name, "longer than " + Limits.MODEL_NAME_LENGTH + " characters");
        }
        String[] segments = name.split("/", -1);
        if (segments.length > 2) {
            throw new InvalidInputException("model name", name, "at most one '/' is allowed, as in namespace/name");
        }
        for (String segment : segments) {
            if (segment.contains("..")) {
                throw new InvalidInputException("model name", name, "must not contain '..'");
            }
            if (segment.length() > Limits.MODEL_NAME_SEGMENT_LENGTH) {
                throw new InvalidInputException("model name", name,
                        "segment longer than " + Limits.MODEL_NAME_SEGMENT_LENGTH + " characters");
            }
            if (!NAME_SEGMENT.matcher(segment).matches()) {
                throw new InvalidInputException("model name", name,
                        "each segment must start with a letter or digit and contain only letters, digits, '.', '_' and '-'");
            }
        }
        return name;
    }

    /** Whether {@code name} could name a model: lookups of names that can never exist find nothing. */
    static boolean isModelName(String name) {
        try {
            modelName(name);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** Keys of params, metrics and tags: printable, short, no control characters. */
    static String key(String kind, String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException(kind + " key", key, "must not be empty");
        }
        if (key.length() > Limits.KEY_LENGTH) {
            throw new InvalidInputException(kind + " key", key, "longer than " + Limits.KEY_LENGTH + " characters");
        }
        noDeceptiveCharacters(kind + " key", key);
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException(kind + " key", key,
                    "must start with a letter, digit or '_' and contain only letters, digits, '_', '.', ':', '/', '-' and spaces");
        }
        return key;
    }

    static String value(String kind, String key, String value) {
        if (value == null) {
            throw new InvalidInputException(kind + " '" + key + "' value", null, "must not be null");
        }
        if (value.length() > Limits.VALUE_LENGTH) {
            throw new InvalidInputException(kind + " '" + key + "' value", value,
                    "longer than " + Limits.VALUE_LENGTH + " characters");
        }
        noNul(kind + " '" + key + "' value", value);
        return value;
    }

    /**
     * Metrics: any finite double, negative ones included (R\u00b2, log-likelihood, a delta). A negative
     * zero is recorded as zero, which is what H2 and MariaDB give back for it and how searches compare it.
     */
    static double metric(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("metric '" + key + "' value", Double.toString(value),
                    "must be a finite number");
        }
        return value == 0.0 ? 0.0 : value;
    }

    static void entryCount(String kind, Map<String, ?> entries) {
        if (entries.size() > Limits.ENTRIES) {
            throw new InvalidInputException(kind + " count", Integer.toString(entries.size()),
                    "more than " + Limits.ENTRIES + " " + kind + "s");
        }
    }

    static String description(String description) {
        if (description == null) {
            throw new InvalidInputException("description", null, "must not be null (use \"\" for none)");
        }
        if (description.length() > Limits.DESCRIPTION_LENGTH) {
            throw new InvalidInputException("description", description,
                    "longer than " + Limits.DESCRIPTION_LENGTH + " characters");
        }
        noNul("description", description);
        return description;
    }

    static String comment(String comment) {
        String c = comment == null ? "" : comment;
        if (c.length() > Limits.COMMENT_LENGTH) {
            throw new InvalidInputException("comment", c, "longer than " + Limits.COMMENT_LENGTH + " characters");
        }
        noNul("comment", c);
        return c;
    }

    static String principal(String principal) {
        if (principal == null || principal.isBlank()) {
            throw new InvalidInputException("principal", principal, "must not be blank");
        }
        if (principal.length() > Limits.PRINCIPAL_LENGTH) {
            throw new InvalidInputException("principal", principal, "longer than " + Limits.PRINCIPAL_LENGTH + " characters");
        }
        if (principal.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("principal", principal, "must not contain control characters");
        }
        noDeceptiveCharacters("principal", principal);
        return principal;
    }

    /**
     * Refuses the characters that make a name read as another: bidirectional embeddings, overrides
     * and isolates (U+202A..U+202E, U+2066..U+2069), which reorder what is displayed
     * ({@code fraud\u202Egnp.onnx} shows as {@code fraudxnno.png}), and zero-width characters
     * (U+200B..U+200F, U+FEFF), which make two different names look identical.
     */
    static void noDeceptiveCharacters(String field, String value) {
        value.codePoints().filter(Validation::isDeceptive).findFirst().ifPresent(c -> {
            throw new InvalidInputException(field, value, String.format(
                    "must not contain the invisible or text-direction character U+%04X", c));
        });
    }

    private static boolean isDeceptive(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || (c >= 0x200B && c <= 0x200F)
                || c == 0xFEFF;
    }

    private static void noNul(String field, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new InvalidInputException(field, value, "must not contain NUL characters");
        }
    }
}
