package dev.modelregistry.core;

import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionConflictException;
import dev.modelregistry.VersionRef;
import dev.modelregistry.spi.TransitionRequest;
import dev.modelregistry.spi.VersionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the lifecycle to a stage move. The store refuses the move if the version left the stage
 * the lifecycle check saw (another writer got there first); then the check is repeated on fresh
 * state, a bounded number of times.
 */
final class Transitions {

    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);
    private static final int ATTEMPTS = 5;

    private final DefaultRegistry registry;

    Transitions(DefaultRegistry registry) {
        this.registry = registry;
    }

    ModelVersion move(VersionRef ref, Stage to, String comment) {
        VersionConflictException lastConflict = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            VersionRecord current = registry.requireVersion(ref);
            Stage from = registry.lifecycle().stage(current.stage());
            if (!registry.lifecycle().allows(from, to)) {
                throw new IllegalTransitionException(ref, from, to);
            }
            String displacedTo = registry.lifecycle().displacementOf(to).map(Stage::name).orElse(null);
            try {
                ModelVersion moved = registry.toModelVersion(registry.metadata().transition(new TransitionRequest(
                        ref.model(), ref.version(), from.name(), to.name(), displacedTo, registry.principal(),
                        registry.now(), comment)));
                LOG.debug("Moved {} from {} to {} as {}", ref, from.name(), to.name(), registry.principal());
                return moved;
            } catch (VersionConflictException e) {
                LOG.debug("Stage of {} changed concurrently, re-checking: {}", ref, e.getMessage());
                lastConflict = e;
            }
        }
        throw lastConflict;
    }
}
