package dev.modelregistry.embedded;

import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionConflictException;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalFollower;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A child process of the multi-process tests. It opens the registry described by its environment
 * (see {@link Backend}), runs one of the modes below, and prints one line for every operation the
 * registry acknowledged, only after the registry returned: each such line is a promise the registry
 * must keep, also after a {@code kill -9}. Any exception prints {@code ERROR} and a stack trace and
 * ends the process with status 1, so the parent sees every failure an application would.
 *
 * <ul>
 *   <li>{@code register <writer> <threads> <count>}: each thread registers {@code count} versions of
 *       model {@code shared}, whose file content is derived from writer, thread and item; prints
 *       {@code COMMITTED <version> <writer> <thread> <item> <digest>}, then {@code DONE}.</li>
 *   <li>{@code crash <writer>}: registers versions of model {@code crash-model} with random
 *       content until killed, promoting every third; prints {@code COMMITTED <version> <writer>
 *       <seq> <digest>} and {@code PROMOTED <version>}.</li>
 *   <li>{@code promote <writer> <count> <versions>}: moves random versions among the first
 *       {@code versions} of model {@code ranker} to production; prints {@code PROMOTED <version>}
 *       or {@code REFUSED <version>}, then {@code DONE}.</li>
 *   <li>{@code observe}: until its standard input ends, counts the production versions of
 *       {@code ranker} in every listing; prints {@code VIOLATION <count>} for each listing without
 *       exactly one, then {@code OBSERVED <listings>}.</li>
 *   <li>{@code follow}: follows the journal from its start until its standard input ends, then
 *       until it reached the journal's head at that moment; prints {@code ENTRY <sequence>
 *       <operation> <model> <version> <hash>} for each entry, then {@code FOLLOWED <position>}.</li>
 *   <li>{@code host}: opens the registry and keeps it open until its standard input ends.</li>
 * </ul>
 *
 * Every mode prints {@code READY} once the registry is open.
 */
public final class RegistryChild {

    static final String SHARED = "shared";
    static final String CRASH_MODEL = "crash-model";
    static final String RANKER = "ranker";

    private RegistryChild() {
    }

    /**
     * Runs one mode; see the class comment.
     *
     * @param args the mode and its arguments
     */
    public static void main(String[] args) {
        try (Registry registry = Backend.fromEnvironment().open("child-" + ProcessHandle.current().pid())) {
            say("READY");
            switch (args[0]) {
                case "register" -> register(registry, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "crash" -> crash(registry, args[1]);
                case "promote" -> promote(registry, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "observe" -> observe(registry);
                case "follow" -> follow(registry);
                case "host" -> awaitEndOfInput();
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
            say("DONE");
        } catch (Throwable t) {
            fail(t);
        }
        System.exit(0);
    }

    /** The file content of item {@code item} of thread {@code thread} of writer {@code writer}. */
    static byte[] content(String writer, int thread, int item) {
        return ("writer " + writer + " thread " + thread + " item " + item + "\n").repeat(20)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void register(Registry registry, String writer, int threads, int count) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < count; i++) {
                        ModelVersion v = registry.register(SHARED)
                                .content("model.bin", content(writer, thread, i))
                                .param("writer", writer)
                                .param("thread", Integer.toString(thread))
                                .param("item", Integer.toString(i))
                                .commit();
                        say("COMMITTED " + v.version() + " " + writer + " " + thread + " " + i + " " + v.digest());
                    }
                } catch (Throwable e) {
                    fail(e);
                }
            }, "writer-" + thread);
            worker.start();
            running.add(worker);
        }
        start.countDown();
        for (Thread worker : running) {
            worker.join();
        }
    }

    private static void crash(Registry registry, String writer) throws InterruptedException {
        Random random = new Random();
        for (int seq = 0; ; seq++) {
            byte[] payload = new byte[1024 + random.nextInt(8 * 1024)];
            random.nextBytes(payload);
            ModelVersion v = registry.register(CRASH_MODEL)
                    .content("weights.bin", payload)
                    .content("note.txt", ("writer " + writer + " seq " + seq).getBytes(StandardCharsets.UTF_8))
                    .param("writer", writer)
                    .param("seq", Integer.toString(seq))
                    .commit();
            say("COMMITTED " + v.version() + " " + writer + " " + seq + " " + v.digest());
            if (seq % 3 == 2) {
                registry.transition(v, Stage.PRODUCTION, "writer " + writer + " promotes its newest");
                say("PROMOTED " + v.version());
            }
            // Leaves the small test machine some CPU for the other processes, and varies what
            // the writer is doing when it is killed.
            Thread.sleep(random.nextInt(4));
        }
    }

    private static void promote(Registry registry, int count, int versions) {
        for (int i = 0; i < count; i++) {
            int version = 1 + ThreadLocalRandom.current().nextInt(versions);
            ModelVersion v = registry.version(RANKER, version).orElseThrow();
            try {
                registry.transition(v, Stage.PRODUCTION, "promotion " + i);
                say("PROMOTED " + version);
            } catch (IllegalTransitionException | VersionConflictException e) {
                // Already in production, or moved by another promoter more often than the core retries.
                say("REFUSED " + version);
            }
        }
    }

    private static void observe(Registry registry) throws Exception {
        Thread stdin = new Thread(RegistryChild::awaitEndOfInput, "stdin");
        stdin.start();
        int listings = 0;
        while (stdin.isAlive()) {
            long inProduction = registry.versions(RANKER).stream()
                    .filter(v -> v.stage().equals(Stage.PRODUCTION))
                    .count();
            listings++;
            if (inProduction != 1) {
                say("VIOLATION " + inProduction);
            }
        }
        say("OBSERVED " + listings);
    }

    private static void follow(Registry registry) {
        Thread stdin = new Thread(RegistryChild::awaitEndOfInput, "stdin");
        stdin.start();
        try (JournalFollower follower = registry.journal().follow(0)) {
            while (stdin.isAlive()) {
                printEntries(follower.poll(1_000, Duration.ofMillis(200)));
            }
            long head = registry.journal().head();
            while (follower.position() < head) {
                printEntries(follower.poll(1_000, Duration.ofMillis(200)));
            }
            say("FOLLOWED " + follower.position());
        }
    }

    private static void printEntries(List<JournalEntry> entries) {
        for (JournalEntry e : entries) {
            say("ENTRY " + e.sequence() + " " + e.operation() + " " + e.model() + " " + e.version() + " " + e.hash());
        }
    }

    /** Blocks until the parent closes standard input (or is gone). */
    static void awaitEndOfInput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // the parent only ever closes it
            }
        } catch (Exception ignored) {
            // the parent is gone: stop as if told to
        }
    }

    /** Prints one line for the parent, at once. */
    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void fail(Throwable t) {
        say("ERROR " + flatTrace(t));
        Runtime.getRuntime().halt(1);
    }

    /** A stack trace on one line, as the parent reads it. */
    static String flatTrace(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return trace.toString().replace('\n', '|');
    }
}
