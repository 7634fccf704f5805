package dev.modelregistry.events;

import dev.modelregistry.RegistryException;

/** Thrown by an operation on a webhook subscription that does not exist. Lookups return {@code Optional.empty()} instead. */
public class WebhookNotFoundException extends RegistryException {

    private final String name;

    public WebhookNotFoundException(String name) {
        super(String.format("There is no webhook subscription called '%s'", name));
        this.name = name;
    }

    /** The name that was looked up. */
    public String name() {
        return name;
    }
}
