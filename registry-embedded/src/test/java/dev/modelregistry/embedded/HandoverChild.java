package dev.modelregistry.embedded;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A child process of {@link EmbeddedHandoverTest}: an application that opens the registry,
 * registers a JVM shutdown hook that closes it (as a service does, so that SIGTERM closes the
 * registry), and reports whether it hosts the embedded database.
 *
 * <ul>
 *   <li>{@code standby}: keeps the registry open until its standard input ends.</li>
 *   <li>{@code writer <name> <threads>}: each thread registers versions of model
 *       {@value #MODEL} without pause until standard input ends, each with a unique param
 *       {@code id} ({@code <name>/<thread>/<seq>}); prints {@code COMMITTED <version> <id> <digest>}
 *       after the registry returned.</li>
 * </ul>
 *
 * Every mode prints {@code READY} once the registry is open, {@code HOSTING} or {@code NOT HOSTING}
 * whenever that changes (this JVM hosts while it runs H2's TCP server thread), and {@code DONE}
 * when it finished by itself. A failed operation prints {@code ERROR} and a stack trace and halts
 * the process, unless the process was already shutting down (SIGTERM closed its registry under
 * its own threads), which prints {@code STOPPED}: that is the application's own doing.
 */
public final class HandoverChild {

    static final String MODEL = "handover";

    /** Names the listener thread of the TCP server that H2's mixed mode starts in the hosting JVM. */
    private static final String H2_SERVER_THREAD = "H2 TCP Server (";

    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private HandoverChild() {
    }

    /**
     * Runs one mode; see the class comment.
     *
     * @param args the mode and its arguments
     */
    public static void main(String[] args) {
        try {
            Registry registry = Backend.fromEnvironment().open("child-" + ProcessHandle.current().pid());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                STOPPING.set(true);
                registry.close();
            }, "close-registry"));
            RegistryChild.say("READY");
            Thread reporter = new Thread(HandoverChild::reportHosting, "hosting-reporter");
            reporter.setDaemon(true);
            reporter.start();
            switch (args[0]) {
                case "standby" -> RegistryChild.awaitEndOfInput();
                case "writer" -> write(registry, args[1], Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
            registry.close();
            RegistryChild.say("DONE");
        } catch (Throwable t) {
            fail(t);
        }
        System.exit(0);
    }

    private static void write(Registry registry, String name, int threads) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int seq = 0; running.get(); seq++) {
                    String id = name + "/" + thread + "/" + seq;
                    try {
                        ModelVersion v = registry.register(MODEL)
                                .content("model.bin", content(id))
                                .param("id", id)
                                .commit();
                        RegistryChild.say("COMMITTED " + v.version() + " " + id + " " + v.digest());
                    } catch (Throwable e) {
                        fail(e);
                        return;
                    }
                }
            }, "writer-" + thread);
            worker.start();
            workers.add(worker);
        }
        RegistryChild.awaitEndOfInput();
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /** The file content of the registration with this id. */
    static byte[] content(String id) {
        return ("registration " + id + "\n").repeat(10).getBytes(StandardCharsets.UTF_8);
    }

    private static void reportHosting() {
        boolean hosting = false;
        RegistryChild.say("NOT HOSTING");
        while (true) {
            boolean now = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().startsWith(H2_SERVER_THREAD) && !t.getName().contains(" thread-"));
            if (now != hosting) {
                hosting = now;
                RegistryChild.say(hosting ? "HOSTING" : "NOT HOSTING");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void fail(Throwable t) {
        String flat = RegistryChild.flatTrace(t);
        if (STOPPING.get()) {
            RegistryChild.say("STOPPED " + flat);
            return; // the JVM is exiting; let the shutdown hook finish
        }
        RegistryChild.say("ERROR " + flat);
        Runtime.getRuntime().halt(1);
    }
}
