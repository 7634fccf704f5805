package dev.modelregistry.embedded;

import dev.modelregistry.AccessDeniedException;
import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionConflictException;
import dev.modelregistry.VersionRef;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Scope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A child process of {@link GrantRaceProcessesContract}. It opens the registry described by its
 * environment (see {@link Backend}) as {@link GrantRaceProcessesContract#APP}, under the built-in
 * access policy with {@code app} as configured administrator, prints {@code READY}, and runs one mode:
 *
 * <ul>
 *   <li>{@code grant <scope> <rounds> <seconds> <seed>}: for {@code rounds} rounds, or until
 *       {@code seconds} have passed, grants {@link GrantRaceProcessesContract#WORKER} PROMOTER on
 *       {@code scope} ({@link GrantRaceProcessesContract#grant}), sleeps 0 to 5 ms, revokes it
 *       and sleeps again; prints {@code GRANTED <round>} and {@code REVOKED <round>} after each, and
 *       {@code ROUNDS <rounds done>} at the end.</li>
 *   <li>{@code work <writer> <seed>}: until its standard input ends, acts as
 *       {@link GrantRaceProcessesContract#WORKER} and loops over registering a version of
 *       {@link GrantRaceProcessesContract#MODEL}, moving one of the versions it registered (or
 *       version 1) to STAGING or PRODUCTION, and now and then pointing its alias
 *       {@code pick-<writer>} at another of them. Prints {@code COMMITTED <what>} for each change
 *       the registry acknowledged, {@code DENIED <what>} for each {@link AccessDeniedException},
 *       {@code REFUSED <what>} for a move the lifecycle refused and {@code CONFLICT <what>} for a
 *       change that lost to the other worker more often than the core retries.</li>
 * </ul>
 *
 * Then it prints {@code DONE}. Failures print {@code ERROR} like {@link RegistryChild}.
 */
public final class GrantRaceChild {

    private GrantRaceChild() {
    }

    /**
     * Runs one mode; see the class comment.
     *
     * @param args the mode and its arguments
     */
    public static void main(String[] args) {
        try (Registry registry = Backend.fromEnvironment().open(GrantRaceProcessesContract.APP,
                AccessPolicy.grants(), GrantRaceProcessesContract.APP.subject())) {
            RegistryChild.say("READY");
            switch (args[0]) {
                case "grant" -> grant(registry, GrantRaceProcessesContract.grant(Scope.parse(args[1])),
                        Integer.parseInt(args[2]), Long.parseLong(args[3]), new Random(Long.parseLong(args[4])));
                case "work" -> work(registry.as(GrantRaceProcessesContract.WORKER), args[1],
                        new Random(Long.parseLong(args[2])));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
            RegistryChild.say("DONE");
        } catch (Throwable t) {
            RegistryChild.say("ERROR " + RegistryChild.flatTrace(t));
            Runtime.getRuntime().halt(1);
        }
        System.exit(0);
    }

    private static void grant(Registry registry, Grant grant, int rounds, long seconds, Random random)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int round = 0;
        for (; round < rounds && System.nanoTime() < deadline; round++) {
            registry.access().grant(grant);
            RegistryChild.say("GRANTED " + round);
            Thread.sleep(random.nextInt(6));
            registry.access().revoke(grant);
            RegistryChild.say("REVOKED " + round);
            Thread.sleep(random.nextInt(6));
        }
        RegistryChild.say("ROUNDS " + round);
    }

    private static void work(Registry worker, String writer, Random random) throws InterruptedException {
        Thread stdin = new Thread(RegistryChild::awaitEndOfInput, "stdin");
        stdin.setDaemon(true);
        stdin.start();
        List<VersionRef> mine = new ArrayList<>(List.of(VersionRef.of(GrantRaceProcessesContract.MODEL, 1)));
        // An alias of this worker's own, moved to another version each time, so that every alias change it
        // acknowledges is a change the journal records.
        String alias = "pick-" + writer;
        VersionRef aliased = null;
        for (int seq = 0; stdin.isAlive(); seq++) {
            VersionRef ref = mine.get(random.nextInt(mine.size()));
            String what = "";
            try {
                if (seq % 2 == 0) {
                    what = "register";
                    ModelVersion v = worker.register(GrantRaceProcessesContract.MODEL)
                            .content("model.bin", (writer + " " + seq).getBytes(StandardCharsets.UTF_8))
                            .param("writer", writer)
                            .commit();
                    mine.add(v.ref());
                    what = "register " + v.version();
                } else if (seq % 10 == 5 && !ref.equals(aliased)) {
                    what = "alias " + ref.version();
                    worker.setAlias(ref, alias);
                    aliased = ref;
                } else {
                    Stage to = random.nextBoolean() ? Stage.STAGING : Stage.PRODUCTION;
                    what = "move " + ref.version() + " " + to.name();
                    worker.transition(ref, to, writer + " moves it, round " + seq);
                }
                RegistryChild.say("COMMITTED " + what);
            } catch (AccessDeniedException e) {
                RegistryChild.say("DENIED " + what);
            } catch (IllegalTransitionException e) {
                // already in that stage
                RegistryChild.say("REFUSED " + what);
            } catch (VersionConflictException e) {
                // lost to the other worker more often than the core retries: an answer, not a failure
                RegistryChild.say("CONFLICT " + what);
            }
            // Leaves the two small cores some time for the granter.
            Thread.sleep(random.nextInt(3));
        }
    }
}
