package dev.modelregistry.events;

import dev.modelregistry.RegistryException;

/** Thrown by an operation on a delivery consumer (a webhook or a sink) that has never delivered and is not a webhook subscription. */
public class ConsumerNotFoundException extends RegistryException {

    private final String name;

    public ConsumerNotFoundException(String name) {
        super(String.format("There is no delivery consumer called '%s'", name));
        this.name = name;
    }

    /** The name that was looked up. */
    public String name() {
        return name;
    }
}
