package dev.modelregistry.lineage;

import dev.modelregistry.InvalidInputException;
import java.util.Locale;

/** What a version used a dataset for. */
public enum DatasetRole {
    /** Training data. */
    TRAIN,
    /** Data used to tune or select the model while training. */
    VALIDATION,
    /** Held-out data used to measure the model. */
    TEST,
    /** Anything else: a vocabulary, a lookup table, a calibration set. */
    OTHER;

    /** The lower-case text form used in JSON, documents and queries: {@code train}, {@code validation}, ... */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named by {@code text}, in any case.
     *
     * @throws InvalidInputException if no role has that name
     */
    public static DatasetRole parse(String text) {
        for (DatasetRole role : values()) {
            if (role.text().equalsIgnoreCase(text)) {
                return role;
            }
        }
        throw new InvalidInputException("dataset role", text, "not one of train, validation, test, other");
    }
}
