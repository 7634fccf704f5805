package dev.modelregistry;

/** Thrown when explicitly creating a model whose name is already taken. */
public class ModelAlreadyExistsException extends RegistryException {

    private final String modelName;

    public ModelAlreadyExistsException(String modelName) {
        super("Model '" + modelName + "' already exists");
        this.modelName = modelName;
    }

    /** The name that is taken. */
    public String modelName() {
        return modelName;
    }
}
