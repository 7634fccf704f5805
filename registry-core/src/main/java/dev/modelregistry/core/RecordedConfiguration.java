package dev.modelregistry.core;

import dev.modelregistry.IncompatibleLifecycleException;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.LifecycleText;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a registry records of its configuration when it is built: its lifecycle, and with access
 * control its policy and configured administrators. Each is journaled only when it differs from
 * what was recorded last, so the usual opening costs one read each and writes nothing.
 */
final class RecordedConfiguration {

    private RecordedConfiguration() {
    }

    /**
     * Checks the lifecycle against the store and records it: refused if the store's recorded
     * lifecycle or its versions have stages this one lacks; recorded (and journaled) if it differs
     * from the one recorded, or if none is and it is not the standard one.
     *
     * @throws IncompatibleLifecycleException naming the missing stages
     */
    static void lifecycle(DefaultRegistry registry) {
        String mine = LifecycleText.describe(registry.lifecycle());
        boolean standard = mine.equals(LifecycleText.describe(Lifecycle.standard()));
        registry.writer().write(registry.guard(), registry::now, stamp -> {
            stamp.trusted();
            Optional<String> recorded = registry.metadata().lifecycle();
            // The usual case costs one read: the lifecycle recorded is this one, or none is and
            // this is the standard one (only a custom lifecycle can have put versions elsewhere).
            if (recorded.map(mine::equals).orElse(standard)) {
                return Writer.Decision.unchanged(null);
            }
            Set<String> needed = new TreeSet<>(registry.metadata().stagesInUse());
            recorded.ifPresent(r -> needed.addAll(LifecycleText.stages(r)));
            registry.lifecycle().stages().forEach(st -> needed.remove(st.name()));
            if (!needed.isEmpty()) {
                throw new IncompatibleLifecycleException(List.copyOf(needed), registry.lifecycle());
            }
            return stamp.change(List.of(new Precondition.LifecycleIs(recorded.orElse(null))),
                    List.of(new Mutation.RecordLifecycle(mine)),
                    List.of(EntryDraft.of(Operations.LIFECYCLE_RECORDED, Target.model(""),
                            Details.lifecycleRecorded(registry.lifecycle()))),
                    applied -> null);
        });
    }

    /**
     * Records the access configuration (policy and configured administrators) in the journal when
     * access control is on and it differs from the one recorded last, so that {@link JournalVerifier}
     * knows from when, and by whose authority, entries must be authorized.
     */
    static void access(DefaultRegistry registry) {
        if (!registry.guard().enforced()) {
            return;
        }
        String mine = AccessDetails.configured(registry.guard().policyName(), registry.guard().admins());
        registry.writer().write(registry.guard(), registry::now, stamp -> {
            stamp.trusted();
            List<JournalEntry> recorded = registry.metadata().journalOf("",
                    Set.of(Operations.ACCESS_CONFIGURED));
            if (!recorded.isEmpty() && recorded.get(recorded.size() - 1).details().equals(mine)) {
                return Writer.Decision.unchanged(null);
            }
            return stamp.change(List.of(), List.of(),
                    List.of(EntryDraft.of(Operations.ACCESS_CONFIGURED, Target.model(""), mine)), applied -> null);
        });
    }
}
