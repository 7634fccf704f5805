package dev.modelregistry;

import java.util.Objects;

/**
 * A reference to one version of a model, as a user writes it in a configuration file:
 * {@code <model>@<selector>}, where the selector is
 * <ul>
 *   <li>a version number: {@code fraud-detector@7};</li>
 *   <li>{@code latest}, the newest version: {@code fraud-detector@latest};</li>
 *   <li>a stage, whose name starts with an upper-case letter; the newest version in it:
 *       {@code fraud-detector@PRODUCTION};</li>
 *   <li>an alias, which starts with a lower-case letter: {@code fraud-detector@champion}.</li>
 * </ul>
 * Model names cannot contain {@code @}, and aliases can never be a number, {@code latest} or a
 * stage name, so every reference has one meaning. {@link Registry#resolve(String)} resolves it.
 *
 * @param model    the model name
 * @param kind     what the selector is
 * @param selector the selector as written: digits, {@code latest}, a stage name or an alias
 */
public record VersionReference(String model, Kind kind, String selector) {

    /** What a reference's selector is. */
    public enum Kind {
        /** A version number. */
        NUMBER,
        /** The newest version. */
        LATEST,
        /** The newest version in a stage. */
        STAGE,
        /** The version an alias points at. */
        ALIAS
    }

    /** The selector that means the newest version. */
    public static final String LATEST = "latest";

    public VersionReference {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(selector, "selector");
    }

    /**
     * Parses {@code model@selector}. Only the form is checked here; whether the model, the stage or
     * the alias exists is for the registry to say.
     *
     * @throws InvalidInputException naming the reference if it has no {@code @}, an empty model or
     *         selector, or a selector that is none of the four kinds
     */
    public static VersionReference parse(String reference) {
        if (reference == null) {
            throw new InvalidInputException("version reference", null, "must not be null");
        }
        int at = reference.lastIndexOf('@');
        if (at <= 0 || at == reference.length() - 1) {
            throw new InvalidInputException("version reference", reference,
                    "must be <model>@<version number, latest, STAGE or alias>");
        }
        String model = reference.substring(0, at);
        String selector = reference.substring(at + 1);
        return new VersionReference(model, kindOf(reference, selector), selector);
    }

    /** The version number of a {@link Kind#NUMBER} reference. */
    public int number() {
        if (kind != Kind.NUMBER) {
            throw new IllegalStateException(this + " is not a version number");
        }
        return Integer.parseInt(selector);
    }

    @Override
    public String toString() {
        return model + "@" + selector;
    }

    private static Kind kindOf(String reference, String selector) {
        char first = selector.charAt(0);
        if (selector.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (selector.length() > 9 || first == '0') {
                throw new InvalidInputException("version reference", reference,
                        "a version number is 1 to 999999999, without leading zeros");
            }
            return Kind.NUMBER;
        }
        if (selector.equals(LATEST)) {
            return Kind.LATEST;
        }
        if (first >= 'A' && first <= 'Z') {
            return Kind.STAGE;
        }
        if (first >= 'a' && first <= 'z') {
            return Kind.ALIAS;
        }
        throw new InvalidInputException("version reference", reference,
                "the part after '@' must be a version number, latest, a STAGE or an alias");
    }
}
