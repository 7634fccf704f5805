package dev.modelregistry;

/** Thrown by an operation on a model that does not exist. Lookups return {@code Optional.empty()} instead. */
public class ModelNotFoundException extends RegistryException {

    private final String modelName;

    public ModelNotFoundException(String modelName) {
        super("Model '" + modelName + "' does not exist");
        this.modelName = modelName;
    }

    /** The name that was looked up. */
    public String modelName() {
        return modelName;
    }
}
