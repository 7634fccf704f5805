package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import java.time.Duration;

/**
 * A child process of {@link DeliveryProcessesContract}: an application that delivers the
 * registry's webhooks. It opens the registry described by its environment (see {@link Backend}),
 * prints {@code READY}, starts {@code registry.deliveries().startWebhooks(}{@link #OPTIONS}{@code )}
 * and prints {@code DISPATCHER <id>} with the id it holds leases under, then delivers until killed
 * or until its standard input ends, which closes the dispatcher and prints {@code DONE}. Any
 * exception prints {@code ERROR} and a stack trace and halts the process with status 1.
 */
public final class DeliveryChild {

    /** Short enough for a test: a 1.5 s lease, polling every 50 ms, a 700 ms timeout per attempt. */
    static final DeliveryOptions OPTIONS = DeliveryOptions.defaults()
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).withTimeout(Duration.ofMillis(700))
            .withLease(Duration.ofMillis(1500)).withPollInterval(Duration.ofMillis(50)).withMaxAttempts(20);

    private DeliveryChild() {
    }

    /**
     * Delivers until killed; see the class comment.
     *
     * @param args none
     */
    public static void main(String[] args) {
        try (Registry registry = Backend.fromEnvironment().open("child-" + ProcessHandle.current().pid())) {
            RegistryChild.say("READY");
            try (Dispatcher dispatcher = registry.deliveries().startWebhooks(OPTIONS)) {
                RegistryChild.say("DISPATCHER " + dispatcher.id());
                RegistryChild.awaitEndOfInput();
            }
            RegistryChild.say("DONE");
        } catch (Throwable t) {
            RegistryChild.say("ERROR " + RegistryChild.flatTrace(t));
            Runtime.getRuntime().halt(1);
        }
        System.exit(0);
    }
}
