package dev.modelregistry;

import dev.modelregistry.access.Action;
import java.util.Objects;

/**
 * Thrown when the registry's principal may not perform an operation. The message names the
 * principal, the operation and its target; the attempt is recorded in the journal
 * ({@code access.denied}) and nothing else changed.
 */
public class AccessDeniedException extends RegistryException {

    private final String principal;
    private final Action action;
    private final String target;

    /**
     * @param principal who tried ({@link dev.modelregistry.access.Principal#id()})
     * @param action    what it tried
     * @param target    the model, namespace or registry it tried it on
     * @param reason    why it was refused
     */
    public AccessDeniedException(String principal, Action action, String target, String reason) {
        super("Access denied: " + principal + " may not " + action + " on " + target + " (" + reason + ")");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.action = Objects.requireNonNull(action, "action");
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Who tried. */
    public String principal() {
        return principal;
    }

    /** What it tried. */
    public Action action() {
        return action;
    }

    /** The model, namespace or registry it tried it on. */
    public String target() {
        return target;
    }
}
