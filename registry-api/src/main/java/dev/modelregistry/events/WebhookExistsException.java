package dev.modelregistry.events;

import dev.modelregistry.RegistryException;

/** Thrown when creating a webhook subscription whose name is taken. */
public class WebhookExistsException extends RegistryException {

    private final String name;

    public WebhookExistsException(String name) {
        super(String.format("A webhook subscription called '%s' exists already", name));
        this.name = name;
    }

    /** The name that was looked up. */
    public String name() {
        return name;
    }
}
