package dev.modelregistry.embedded;

import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionConflictException;
import dev.modelregistry.VersionRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A child process of {@link SearchPagingProcessesContract}: changes the registry under a search that
 * another process pages through. {@code churn <writer> <models> <seed>} opens the registry, prints
 * {@code READY}, and until its standard input ends loops over:
 * <ul>
 *   <li>registering a version of one of the {@code models} models
 *       ({@link SearchPagingProcessesContract#model}) with a random team tag and, mostly, a random
 *       {@code auc} from a small set of values (so that it ties with existing versions); prints
 *       {@code REGISTERED <model> <version> <team>};</li>
 *   <li>moving a random existing version to a random stage; prints {@code MOVED <model> <version> <stage>}
 *       or {@code REFUSED <model> <version>};</li>
 *   <li>pointing an alias at a random existing version and tagging it with a tag no search here
 *       filters or orders by; prints {@code ALIASED <model> <version> <alias>}.</li>
 * </ul>
 * A change that loses to the other writer more often than the core retries prints {@code CONFLICT <model>}.
 * Once standard input ends, it prints {@code DONE}. Stage, aliases and that tag are no ordering keys of the parent's searches, so none
 * of these changes may disturb its paging. Failures print {@code ERROR} like {@link RegistryChild}.
 */
public final class SearchPagingChild {

    private static final List<Stage> STAGES = List.of(Stage.STAGING, Stage.PRODUCTION, Stage.ARCHIVED);

    private SearchPagingChild() {
    }

    /**
     * Runs {@code churn}; see the class comment.
     *
     * @param args {@code churn <writer> <models> <seed>}
     */
    public static void main(String[] args) {
        try (Registry registry = Backend.fromEnvironment().open("churn-" + ProcessHandle.current().pid())) {
            if (!args[0].equals("churn")) {
                throw new IllegalArgumentException("unknown mode " + args[0]);
            }
            RegistryChild.say("READY");
            churn(registry, args[1], Integer.parseInt(args[2]), new Random(Long.parseLong(args[3])));
            RegistryChild.say("DONE");
        } catch (Throwable t) {
            RegistryChild.say("ERROR " + RegistryChild.flatTrace(t));
            Runtime.getRuntime().halt(1);
        }
        System.exit(0);
    }

    private static void churn(Registry registry, String writer, int models, Random random) throws Exception {
        Thread stdin = new Thread(RegistryChild::awaitEndOfInput, "stdin");
        stdin.setDaemon(true);
        stdin.start();
        for (int seq = 0; stdin.isAlive(); seq++) {
            String model = SearchPagingProcessesContract.model(random.nextInt(models));
            try {
                change(registry, writer, seq, model, random);
            } catch (VersionConflictException e) {
                // lost to the other writer more often than the core retries: an answer, not a failure
                RegistryChild.say("CONFLICT " + model);
            }
            // Leaves the two small cores some time for the parent's search.
            Thread.sleep(random.nextInt(3));
        }
    }

    private static void change(Registry registry, String writer, int seq, String model, Random random) {
        switch (seq % 3) {
            case 0 -> {
                String team = random.nextBoolean() ? "risk" : "growth";
                var registration = registry.register(model)
                        .content("model.bin", (writer + " " + seq).getBytes(StandardCharsets.UTF_8))
                        .tag("team", team)
                        .param("writer", writer);
                if (random.nextInt(8) != 0) {
                    registration.metric("auc", SearchPagingProcessesContract.auc(random.nextInt(1_000)));
                }
                ModelVersion v = registration.commit();
                RegistryChild.say("REGISTERED " + model + " " + v.version() + " " + team);
            }
            case 1 -> {
                VersionRef ref = randomVersion(registry, model, random);
                Stage to = STAGES.get(random.nextInt(STAGES.size()));
                try {
                    registry.transition(ref, to, writer + " moves " + seq);
                    RegistryChild.say("MOVED " + model + " " + ref.version() + " " + to.name());
                } catch (IllegalTransitionException e) {
                    // already there, or not allowed from where it is
                    RegistryChild.say("REFUSED " + model + " " + ref.version());
                }
            }
            default -> {
                VersionRef ref = randomVersion(registry, model, random);
                String alias = random.nextBoolean() ? "champion" : "challenger";
                registry.setAlias(ref, alias);
                registry.tag(ref, "reviewed-by", writer);
                RegistryChild.say("ALIASED " + model + " " + ref.version() + " " + alias);
            }
        }
    }

    private static VersionRef randomVersion(Registry registry, String model, Random random) {
        int latest = registry.model(model).orElseThrow().latestVersion();
        return VersionRef.of(model, 1 + random.nextInt(latest));
    }
}
