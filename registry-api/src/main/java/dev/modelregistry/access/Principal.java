package dev.modelregistry.access;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who performs an operation: a user or a service, and the groups it belongs to. The embedding
 * application authenticates and builds principals; the registry only authorizes them. Immutable.
 *
 * @param kind   a person or a program
 * @param name   its name, unique among principals of its kind
 * @param groups the groups it belongs to, as the application's identity system says
 */
public record Principal(Kind kind, String name, Set<String> groups) {

    /** Whether a principal is a person or a program. */
    public enum Kind {
        /** A person. */
        USER,
        /** A program: a training pipeline, a deployment job, a serving fleet. */
        SERVICE
    }

    /**
     * @throws dev.modelregistry.InvalidInputException if the name or a group is blank, longer than
     *         {@link dev.modelregistry.Limits#PRINCIPAL_LENGTH} (for a service, if its {@link #id()} is),
     *         holds control, invisible or separator characters other than a space or {@code :}, or
     *         there are more than 256 groups
     */
    public Principal {
        Objects.requireNonNull(kind, "kind");
        Names.check(kind == Kind.USER ? "user name" : "service name", name);
        if (kind == Kind.SERVICE) {
            Names.checkService(name);
        }
        Objects.requireNonNull(groups, "groups");
        if (groups.size() > 256) {
            throw new dev.modelregistry.InvalidInputException("groups of " + name, groups.size() + " groups",
                    "at most 256 are allowed");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String g : groups) {
            sorted.add(Names.check("group name", g));
        }
        groups = java.util.Collections.unmodifiableSortedSet(sorted);
    }

    /** A user in the given groups. */
    public static Principal user(String name, String... groups) {
        return new Principal(Kind.USER, name, new LinkedHashSet<>(Arrays.asList(groups)));
    }

    /** A service in the given groups. */
    public static Principal service(String name, String... groups) {
        return new Principal(Kind.SERVICE, name, new LinkedHashSet<>(Arrays.asList(groups)));
    }

    /**
     * The principal a journal entry names: a user by its name, a service as {@code service:name}.
     *
     * @throws dev.modelregistry.InvalidInputException if the text is not such a name
     */
    public static Principal parse(String id) {
        Objects.requireNonNull(id, "id");
        if (id.startsWith(SERVICE_PREFIX)) {
            return service(id.substring(SERVICE_PREFIX.length()));
        }
        return user(id);
    }

    private static final String SERVICE_PREFIX = "service:";

    /** This principal with other groups. */
    public Principal withGroups(Set<String> groups) {
        return new Principal(kind, name, groups);
    }

    /** How the journal names it: a user by its name, a service as {@code service:name}; without the groups. */
    public String id() {
        return kind == Kind.USER ? name : SERVICE_PREFIX + name;
    }

    /** The principal itself as a grantee. */
    public Subject subject() {
        return kind == Kind.USER ? Subject.user(name) : Subject.service(name);
    }

    /** Every grantee whose grants apply to this principal: itself and each of its groups. */
    public Set<Subject> subjects() {
        Set<Subject> all = new LinkedHashSet<>();
        all.add(subject());
        groups.forEach(g -> all.add(Subject.group(g)));
        return java.util.Collections.unmodifiableSet(all);
    }

    @Override
    public String toString() {
        return groups.isEmpty() ? id() : id() + " " + groups;
    }
}
