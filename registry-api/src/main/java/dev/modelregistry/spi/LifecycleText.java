package dev.modelregistry.spi;

import dev.modelregistry.Lifecycle;
import dev.modelregistry.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The text a store records of a lifecycle: one line per fact, in a fixed order, so that the same
 * lifecycle always gives the same text.
 *
 * <pre>
 * stages DEVELOPMENT STAGING PRODUCTION ARCHIVED
 * initial DEVELOPMENT
 * move DEVELOPMENT STAGING
 * ...
 * exclusive PRODUCTION ARCHIVED
 * </pre>
 */
public final class LifecycleText {

    private LifecycleText() {
    }

    /** The lifecycle as text. */
    public static String describe(Lifecycle lifecycle) {
        List<String> lines = new ArrayList<>();
        List<String> names = lifecycle.stages().stream().map(Stage::name).toList();
        lines.add("stages " + String.join(" ", names));
        lines.add("initial " + lifecycle.initial().name());
        for (Stage from : lifecycle.stages()) {
            for (Stage to : lifecycle.stages()) {
                if (lifecycle.allows(from, to)) {
                    lines.add("move " + from.name() + " " + to.name());
                }
            }
        }
        for (Stage stage : lifecycle.stages()) {
            lifecycle.displacementOf(stage).ifPresent(to -> lines.add("exclusive " + stage.name() + " " + to.name()));
        }
        return String.join("\n", lines) + "\n";
    }

    /** The stage names of a recorded lifecycle. */
    public static Set<String> stages(String description) {
        for (String line : description.split("\n")) {
            if (line.startsWith("stages ")) {
                return new LinkedHashSet<>(List.of(line.substring("stages ".length()).split(" ")));
            }
        }
        throw new IllegalArgumentException("not a recorded lifecycle: " + description);
    }
}
