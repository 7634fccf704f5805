package dev.modelregistry.core;

import dev.modelregistry.access.Access;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The access concern: grants and revokes through the write path, each journaled, and answers what
 * the principal may do. Thread-safe.
 */
final class DefaultAccess implements Access {

    private final DefaultRegistry registry;
    private final MetadataStore metadata;

    DefaultAccess(DefaultRegistry registry, MetadataStore metadata) {
        this.registry = registry;
        this.metadata = metadata;
    }

    @Override
    public Principal principal() {
        return registry.guard().principal();
    }

    @Override
    public boolean enforced() {
        return registry.guard().enforced();
    }

    @Override
    public boolean grant(Grant grant) {
        return change(grant, true);
    }

    @Override
    public boolean revoke(Grant grant) {
        return change(grant, false);
    }

    private boolean change(Grant grant, boolean give) {
        registry.checkOpen();
        Objects.requireNonNull(grant, "grant");
        Scope scope = checked(grant.scope());
        Target target = target(scope);
        boolean changed = registry.writer().write(registry.guard(), registry::now, stamp -> {
            stamp.authorize(Action.MANAGE_ACCESS, scope, target);
            if (grant.role() == Role.ADMIN) {
                // Only an administrator makes another: an owner of everything may not.
                stamp.authorize(Action.AUDIT, Scope.registry(), target);
            }
            List<Precondition> preconditions = new ArrayList<>();
            if (scope.kind() == Scope.Kind.MODEL) {
                registry.requireModel(scope.name());
                preconditions.add(new Precondition.ModelExists(scope.name()));
            }
            boolean held = metadata.grantsOn(scope).contains(grant);
            if (held == give) {
                return Writer.Decision.unchanged(false);
            }
            preconditions.add(new Precondition.GrantIs(grant, held));
            return stamp.change(preconditions,
                    List.of(give ? new Mutation.PutGrant(grant) : new Mutation.RemoveGrant(grant)),
                    List.of(EntryDraft.of(give ? Operations.ACCESS_GRANTED : Operations.ACCESS_REVOKED, target,
                            AccessDetails.grant(grant))),
                    applied -> true);
        });
        if (changed) {
            registry.guard().grantsChanged();
        }
        return changed;
    }

    @Override
    public List<Grant> grantsOn(Scope scope) {
        registry.checkOpen();
        Scope checked = checked(Objects.requireNonNull(scope, "scope"));
        registry.guard().check(Action.MANAGE_ACCESS, checked, target(checked));
        return metadata.grantsOn(checked);
    }

    @Override
    public List<Grant> mine() {
        registry.checkOpen();
        return registry.guard().grants();
    }

    @Override
    public boolean allows(Action action, Scope scope) {
        registry.checkOpen();
        Objects.requireNonNull(action, "action");
        return registry.guard().allows(action, checked(Objects.requireNonNull(scope, "scope")));
    }

    /** The scope, with its model or namespace name validated as model names are. */
    private static Scope checked(Scope scope) {
        if (scope.kind() != Scope.Kind.REGISTRY) {
            // A namespace is a model name without its '/' (Scope refuses one there).
            Validation.modelName(scope.name());
        }
        return scope;
    }

    /** What the journal names for a change of access on the scope: the model, or the registry. */
    static Target target(Scope scope) {
        return Target.model(scope.kind() == Scope.Kind.MODEL ? scope.name() : "");
    }

}
