package dev.modelregistry.access;

import dev.modelregistry.InvalidInputException;
import java.util.Objects;

/**
 * What a grant covers: one model, every model of a namespace (the part before the {@code /} of
 * {@code team/model}), or the whole registry. Written as {@code model:risk/fraud},
 * {@code namespace:risk} or {@code registry}. Immutable.
 *
 * @param kind how much it covers
 * @param name the model or namespace name; empty for the registry
 */
public record Scope(Kind kind, String name) implements Comparable<Scope> {

    /** How much a scope covers. */
    public enum Kind {
        /** Every model. */
        REGISTRY,
        /** Every model whose name begins with the namespace and a {@code /}. */
        NAMESPACE,
        /** One model. */
        MODEL
    }

    private static final Scope REGISTRY = new Scope(Kind.REGISTRY, "");

    /** @throws InvalidInputException if the name is empty for a model or namespace, or a namespace holds {@code /} */
    public Scope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind == Kind.REGISTRY && !name.isEmpty()) {
            throw new InvalidInputException("registry scope", name, "has no name");
        }
        if (kind != Kind.REGISTRY && (name.isEmpty() || name.codePoints().anyMatch(Character::isISOControl))) {
            throw new InvalidInputException(kind.name().toLowerCase(java.util.Locale.ROOT) + " scope", name,
                    "must be a non-empty name without control characters");
        }
        if (kind == Kind.NAMESPACE && name.indexOf('/') >= 0) {
            throw new InvalidInputException("namespace", name, "is the part of a model name before its '/'");
        }
    }

    /** The whole registry. */
    public static Scope registry() {
        return REGISTRY;
    }

    /** Every model in the namespace {@code namespace}. */
    public static Scope namespace(String namespace) {
        return new Scope(Kind.NAMESPACE, namespace);
    }

    /** One model. */
    public static Scope model(String model) {
        return new Scope(Kind.MODEL, model);
    }

    /**
     * Reads {@code registry}, {@code namespace:<name>} or {@code model:<name>}.
     *
     * @throws InvalidInputException if the text is none of those
     */
    public static Scope parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("registry")) {
            return REGISTRY;
        }
        if (text.startsWith("namespace:")) {
            return namespace(text.substring("namespace:".length()));
        }
        if (text.startsWith("model:")) {
            return model(text.substring("model:".length()));
        }
        throw new InvalidInputException("scope", text, "must be registry, namespace:<name> or model:<name>");
    }

    /** The narrowest scope that holds {@code model}'s namespace, or the registry if its name has none. */
    public static Scope namespaceOf(String model) {
        int slash = model.indexOf('/');
        return slash < 0 ? REGISTRY : namespace(model.substring(0, slash));
    }

    /** Whether a grant on this scope applies to {@code model}. */
    public boolean covers(String model) {
        switch (kind) {
            case REGISTRY:
                return true;
            case NAMESPACE:
                return model.length() > name.length() && model.startsWith(name) && model.charAt(name.length()) == '/';
            default:
                return model.equals(name);
        }
    }

    /** Whether a grant on this scope applies to everything {@code other} covers. */
    public boolean covers(Scope other) {
        switch (other.kind) {
            case REGISTRY:
                return kind == Kind.REGISTRY;
            case NAMESPACE:
                return kind == Kind.REGISTRY || equals(other);
            default:
                return covers(other.name);
        }
    }

    @Override
    public int compareTo(Scope other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return kind == Kind.REGISTRY ? "registry" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
