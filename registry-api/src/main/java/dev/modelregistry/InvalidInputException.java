package dev.modelregistry;

/**
 * Thrown when a caller passes a value the registry refuses: a malformed model name, a file path
 * that escapes its version, a metric that is NaN or infinite, metadata over its
 * size limit, and so on. The message names the offending value. A call that throws this changed
 * nothing.
 */
public class InvalidInputException extends RegistryException {

    private final String field;
    private final String value;

    /**
     * @param field what was being validated, for example {@code "model name"}
     * @param value the offending value as given (may be {@code null})
     * @param reason why it was refused
     */
    public InvalidInputException(String field, String value, String reason) {
        super("Invalid " + field + " " + quote(value) + ": " + reason);
        this.field = field;
        this.value = value;
    }

    /** What was being validated, for example {@code "model name"}. */
    public String field() {
        return field;
    }

    /** The offending value as the caller gave it, or {@code null}. */
    public String value() {
        return value;
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "...(" + value.length() + " chars)" : value;
        StringBuilder sb = new StringBuilder("'");
        shown.codePoints().forEach(c -> {
            // control and invisible format characters (bidi overrides, zero-width) are shown escaped
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('\'').toString();
    }
}
