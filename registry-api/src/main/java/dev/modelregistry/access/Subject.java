package dev.modelregistry.access;

import java.util.Objects;

/**
 * Who a grant is given to: one user, one service, or every principal in a group. Written as
 * {@code user:alice}, {@code service:trainer} or {@code group:risk-team}. Immutable.
 *
 * @param kind whom it names
 * @param name the user's, service's or group's name
 */
public record Subject(Kind kind, String name) implements Comparable<Subject> {

    /** Whom a subject names. */
    public enum Kind {
        /** One user. */
        USER,
        /** One service. */
        SERVICE,
        /** Every principal in the group. */
        GROUP
    }

    /** @throws dev.modelregistry.InvalidInputException if the name is not a valid principal or group name */
    public Subject {
        Objects.requireNonNull(kind, "kind");
        Names.check(kind.name().toLowerCase(java.util.Locale.ROOT) + " name", name);
        if (kind == Kind.SERVICE) {
            Names.checkService(name);
        }
    }

    /** One user. */
    public static Subject user(String name) {
        return new Subject(Kind.USER, name);
    }

    /** One service. */
    public static Subject service(String name) {
        return new Subject(Kind.SERVICE, name);
    }

    /** Every principal in the group. */
    public static Subject group(String name) {
        return new Subject(Kind.GROUP, name);
    }

    /**
     * Reads {@code user:alice}, {@code service:trainer} or {@code group:risk}.
     *
     * @throws dev.modelregistry.InvalidInputException if the text is not one of those forms
     */
    public static Subject parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        for (Kind k : Kind.values()) {
            if (k.name().toLowerCase(java.util.Locale.ROOT).equals(kind)) {
                return new Subject(k, text.substring(colon + 1));
            }
        }
        throw new dev.modelregistry.InvalidInputException("subject", text,
                "must be user:<name>, service:<name> or group:<name>");
    }

    @Override
    public int compareTo(Subject other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
