package dev.modelregistry.embedded;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;

/**
 * A child process of {@link EmbeddedWatchTest}: a deployment job in another JVM that opens the
 * registry described by its environment (see {@link Backend}), makes one change to model
 * {@code <model>}'s PRODUCTION stage and exits.
 *
 * <ul>
 *   <li>{@code promote <model> <version>}: moves the version to PRODUCTION; prints {@code PROMOTED <version>}.</li>
 *   <li>{@code rollback <model>}: rolls PRODUCTION back; prints {@code ROLLED BACK <version>}.</li>
 *   <li>{@code archive <model> <version>}: moves the version to ARCHIVED; prints {@code ARCHIVED <version>}.</li>
 * </ul>
 *
 * It prints {@code READY} once the registry is open and {@code DONE} at the end, each line only
 * after the registry returned; a failure prints {@code ERROR} and a stack trace and ends the process
 * with status 1.
 */
public final class DeployChild {

    private DeployChild() {
    }

    /**
     * Runs one mode; see the class comment.
     *
     * @param args the mode and its arguments
     */
    public static void main(String[] args) {
        try (Registry registry = Backend.fromEnvironment().open("deployer-" + ProcessHandle.current().pid())) {
            RegistryChild.say("READY");
            String model = args[1];
            switch (args[0]) {
                case "promote" -> RegistryChild.say("PROMOTED " + registry.transition(version(registry, model, args[2]),
                        Stage.PRODUCTION, "promoted by another process").version());
                case "rollback" -> RegistryChild.say("ROLLED BACK " + registry.rollback(model, Stage.PRODUCTION,
                        "rolled back by another process").version());
                case "archive" -> RegistryChild.say("ARCHIVED " + registry.transition(version(registry, model, args[2]),
                        Stage.ARCHIVED, "retired by another process").version());
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
            RegistryChild.say("DONE");
        } catch (Throwable t) {
            RegistryChild.say("ERROR " + RegistryChild.flatTrace(t));
            Runtime.getRuntime().halt(1);
        }
        System.exit(0);
    }

    private static ModelVersion version(Registry registry, String model, String number) {
        return registry.version(model, Integer.parseInt(number)).orElseThrow();
    }
}
