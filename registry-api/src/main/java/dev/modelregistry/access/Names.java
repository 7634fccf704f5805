package dev.modelregistry.access;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Limits;

/** The checks every name in this package passes: principals, groups and scopes. */
final class Names {

    private Names() {
    }

    /**
     * A principal or group name: 1 to {@link Limits#PRINCIPAL_LENGTH} characters, no control,
     * invisible, text-direction or separator characters but the space, no {@code :} (it separates
     * a subject's kind from its name).
     */
    static String check(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(what, name, "must not be blank");
        }
        if (name.length() > Limits.PRINCIPAL_LENGTH) {
            throw new InvalidInputException(what, name, "longer than " + Limits.PRINCIPAL_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(Names::hidden)) {
            throw new InvalidInputException(what, name,
                    "must not contain control, invisible or separator characters other than a space");
        }
        if (!name.strip().equals(name)) {
            throw new InvalidInputException(what, name, "must not begin or end with white space");
        }
        if (name.indexOf(':') >= 0) {
            throw new InvalidInputException(what, name, "must not contain ':'");
        }
        return name;
    }

    /**
     * A character that does not show, or shows as something else: controls, format characters
     * (zero-width, text direction), line and paragraph separators, and spaces other than U+0020
     * (a no-break space would make {@code alice\u00a0b} look like {@code alice b}).
     */
    private static boolean hidden(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (type == Character.SPACE_SEPARATOR && c != ' ');
    }

    /**
     * A service's name, which the journal writes as {@code service:name}: that id must fit in
     * {@link Limits#PRINCIPAL_LENGTH} characters, so the name in {@value #SERVICE_NAME_LENGTH}.
     */
    static void checkService(String name) {
        if (name.length() > SERVICE_NAME_LENGTH) {
            throw new InvalidInputException("service name", name, "longer than " + SERVICE_NAME_LENGTH
                    + " characters (the journal names a service service:<name>, in at most "
                    + Limits.PRINCIPAL_LENGTH + " characters)");
        }
    }

    static final int SERVICE_NAME_LENGTH = Limits.PRINCIPAL_LENGTH - "service:".length();
}
