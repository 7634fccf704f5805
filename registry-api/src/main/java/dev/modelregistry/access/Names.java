package dev.modelregistry.access;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Limits;

/** The checks every name in this package passes: principals, groups and scopes. */
final class Names {

    private Names() {
    }

    /**
     * A principal or group name: 1 to {@link Limits#PRINCIPAL_LENGTH} characters, no control,
     * invisible or text-direction characters, no {@code :} (it separates a subject's kind from its name).
     */
    static String check(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(what, name, "must not be blank");
        }
        if (name.length() > Limits.PRINCIPAL_LENGTH) {
            throw new InvalidInputException(what, name, "longer than " + Limits.PRINCIPAL_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new InvalidInputException(what, name, "must not contain control or invisible characters");
        }
        if (!name.strip().equals(name)) {
            throw new InvalidInputException(what, name, "must not begin or end with white space");
        }
        if (name.indexOf(':') >= 0) {
            throw new InvalidInputException(what, name, "must not contain ':'");
        }
        return name;
    }
}
