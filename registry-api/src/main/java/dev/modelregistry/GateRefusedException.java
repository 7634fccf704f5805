package dev.modelregistry;

import java.util.List;

/** A move refused because gates of the stage it would enter are not met; nothing changed. */
public class GateRefusedException extends RegistryException {

    private final VersionRef ref;
    private final Stage stage;
    private final List<String> unmet;

    /**
     * @param ref   the version that would have moved
     * @param stage the stage it would have entered
     * @param unmet every unmet gate: its requirement and why it is not met
     */
    public GateRefusedException(VersionRef ref, Stage stage, List<String> unmet) {
        super("Version " + ref + " may not enter " + stage.name() + ": " + String.join("; ", unmet));
        this.ref = ref;
        this.stage = stage;
        this.unmet = List.copyOf(unmet);
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
