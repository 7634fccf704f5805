package dev.modelregistry;

import java.util.List;

/** A move refused because gates of the stage it would enter, or of a protected alias, are not met; nothing changed. */
public class GateRefusedException extends RegistryException {

    private final VersionRef ref;
    private final Stage stage;
    private final String alias;
    private final List<String> unmet;

    /**
     * @param ref   the version that would have moved
     * @param stage the stage it would have entered
     * @param unmet every unmet gate: its requirement and why it is not met
     */
    public GateRefusedException(VersionRef ref, Stage stage, List<String> unmet) {
        this(ref, stage, null, unmet);
    }

    /**
     * @param ref   the version the alias would have pointed at
     * @param stage the stage that version is in
     * @param alias the protected alias, or null for a stage move
     * @param unmet every unmet gate: its requirement and why it is not met
     */
    public GateRefusedException(VersionRef ref, Stage stage, String alias, List<String> unmet) {
        super((alias == null ? "Version " + ref + " may not enter " + stage.name()
                : "Alias " + alias + " may not point at " + ref) + ": " + String.join("; ", unmet));
        this.ref = ref;
        this.stage = stage;
        this.alias = alias;
        this.unmet = List.copyOf(unmet);
    }

    /** The protected alias whose move was refused, or null if a stage move was. */
    public String alias() {
        return alias;
    }

    /** The version that would have moved. */
    public VersionRef ref() {
        return ref;
    }

    /** The stage it would have entered. */
    public Stage stage() {
        return stage;
    }

    /** Every unmet gate, as {@code <requirement>: <why not>}. */
    public List<String> unmet() {
        return unmet;
    }
}
