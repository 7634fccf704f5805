package dev.modelregistry.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.AccessDeniedException;
import dev.modelregistry.access.AccessDecision;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.AccessRequest;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access control for one principal (docs/ACCESS.md): asks the policy before every operation, with
 * the grants of the principal and its groups, and journals every denial. A write binds the change to
 * the grant that allowed it ({@link Precondition.GrantIs}), which the store checks at the commit; so
 * under the built-in policy its first attempt may decide on the {@link GrantCache}, and a retry after
 * a conflict reads the grants afresh. A read uses the cache and reads afresh before it denies.
 * Without a policy every check passes and nothing is recorded. Immutable and thread-safe.
 */
final class AccessGuard {

    private static final Logger LOG = LoggerFactory.getLogger(AccessGuard.class);

    /** What every guard of one registry shares. */
    record Settings(AccessPolicy policy, Set<Subject> admins, GrantCache cache, Writer writer,
                    Supplier<Instant> now) {
        Settings {
            admins = Set.copyOf(admins);
        }
    }

    /** Why a write was allowed: the precondition that binds it to a stored grant, if any, and the journal's record of it. */
    record Authorization(Optional<Precondition> precondition, ObjectNode authorizedBy) {
    }

    /** What the principal may read, for filters: everything, nothing, or the models of some scopes. */
    record Readable(boolean all, List<Scope> scopes) {
    }

    private final Settings settings;
    private final Principal principal;
    /** The principal's subjects, built once: every check looks its grants up by them. */
    private final Set<Subject> subjects;
    /** The registry-wide ADMIN grants the principal holds by configuration. */
    private final List<Grant> adminGrants;

    AccessGuard(Settings settings, Principal principal) {
        this.settings = settings;
        this.principal = Objects.requireNonNull(principal, "principal");
        this.subjects = principal.subjects();
        List<Grant> admin = new ArrayList<>();
        for (Subject s : principal.subjects()) {
            if (settings.admins().contains(s)) {
                admin.add(new Grant(s, Role.ADMIN, Scope.registry()));
            }
        }
        this.adminGrants = List.copyOf(admin);
    }

    AccessGuard as(Principal other) {
        return new AccessGuard(settings, other);
    }

    Principal principal() {
        return principal;
    }

    boolean enforced() {
        return settings.policy() != null;
    }

    /** Whether the policy is the built-in one, whose answers the grants alone determine. */
    boolean byGrants() {
        return settings.policy() == AccessPolicy.grants();
    }

    /** The policy's name, as {@code access.configured} records it. */
    String policyName() {
        return byGrants() ? "grants" : "custom " + settings.policy().getClass().getName();
    }

    Set<Subject> admins() {
        return settings.admins();
    }

    /**
     * Checks a write. With {@code cached} and the built-in policy the decision may rest on recently
     * read grants: whichever stored grant allows it is bound to the change as a precondition, so a
     * grant revoked since fails the commit and the retry decides on fresh grants. A custom policy, or
     * a denial, always decides on fresh grants.
     *
     * @param target what the journal names if it is denied
     * @param cached whether recently read grants may allow it (a write's first attempt)
     * @return why it is allowed, or null without access control
     * @throws AccessDeniedException if it is not, after journaling the attempt
     */
    Authorization authorize(Action action, Scope scope, Target target, boolean cached) {
        if (!enforced()) {
            return null;
        }
        AccessDecision decision = cached && byGrants()
                ? decide(action, scope, settings.cache().covering(subjects, scope)) : null;
        if (decision == null || !decision.allowed()) {
            decision = decide(action, scope, settings.cache().freshCovering(subjects, scope));
        }
        if (!decision.allowed()) {
            throw deny(action, scope, target, decision.reason());
        }
        Subject admin = admin(decision);
        Optional<Precondition> held = admin == null
                ? decision.grant().map(g -> new Precondition.GrantIs(g, true)) : Optional.empty();
        return new Authorization(held, AccessDetails.authorization(action, scope, decision.grant(), admin, decision.reason()));
    }

    /**
     * Checks an operation that changes something outside the journal (a delivery cursor, a view acting
     * as another principal) on fresh grants, so that a revoked grant stops it at once.
     *
     * @throws AccessDeniedException if it is not allowed, after journaling the attempt
     */
    void checkFresh(Action action, Scope scope, Target target) {
        authorize(action, scope, target, false);
    }

    /**
     * Checks a read on recently read grants, and on fresh ones before it denies.
     *
     * @throws AccessDeniedException if it is not allowed, after journaling the attempt
     */
    void check(Action action, Scope scope, Target target) {
        if (!enforced() || decide(action, scope, settings.cache().covering(subjects, scope)).allowed()) {
            return;
        }
        AccessDecision fresh = decide(action, scope, settings.cache().fresh(subjects));
        if (!fresh.allowed()) {
            throw deny(action, scope, target, fresh.reason());
        }
    }

    /** {@code check(READ, model, model)}. */
    void checkRead(String model) {
        check(Action.READ, Scope.model(model), Target.model(model));
    }

    /**
     * What creating {@code model} adds under access control: the creator's {@link Role#OWNER} grant,
     * stored and journaled with the model (docs/ACCESS.md); nothing without access control.
     */
    Creation creation(String model) {
        if (!enforced()) {
            return new Creation(List.of(), List.of());
        }
        Grant owner = new Grant(principal.subject(), Role.OWNER, Scope.model(model));
        return new Creation(List.of(new dev.modelregistry.spi.Mutation.PutGrant(owner)),
                List.of(EntryDraft.of(Operations.ACCESS_GRANTED, Target.model(model), AccessDetails.grant(owner))));
    }

    /** The mutations and journal entries that come with a model's creation. */
    record Creation(List<dev.modelregistry.spi.Mutation> mutations, List<EntryDraft> entries) {
    }

    /** Whether the action is allowed, on recently read grants; records nothing. */
    boolean allows(Action action, Scope scope) {
        return !enforced() || decide(action, scope, settings.cache().covering(subjects, scope)).allowed();
    }

    /** Whether the principal may read the model, on recently read grants; records nothing. */
    boolean mayRead(String model) {
        return allows(Action.READ, Scope.model(model));
    }

    /**
     * Whether the principal may see a journal entry: the entries of a model if it may read it, the
     * access entries of a model if it may manage its access, the grants and revocations on a namespace
     * if it may manage that namespace's access, the registry's own entries if it may audit.
     */
    boolean maySee(JournalEntry entry) {
        if (!enforced()) {
            return true;
        }
        if (entry.model().isEmpty()) {
            return allows(Action.AUDIT, Scope.registry()) || onManagedNamespace(entry);
        }
        boolean access = entry.operation().startsWith("access.");
        return allows(access ? Action.MANAGE_ACCESS : Action.READ, Scope.model(entry.model()));
    }

    /** Whether the entry grants or revokes a grant on a namespace whose access the principal may manage. */
    private boolean onManagedNamespace(JournalEntry entry) {
        if (!entry.operation().equals(Operations.ACCESS_GRANTED) && !entry.operation().equals(Operations.ACCESS_REVOKED)) {
            return false;
        }
        Scope scope = AccessDetails.grantOf(AccessDetails.parse(entry.details())).scope();
        return scope.kind() == Scope.Kind.NAMESPACE && allows(Action.MANAGE_ACCESS, scope);
    }

    /**
     * What the principal may read, as scopes, for the built-in policy; {@code all} for any other
     * policy (whose answers only it knows: callers check each result with {@link #mayRead}).
     */
    Readable readable() {
        if (!enforced() || !byGrants()) {
            return new Readable(true, List.of());
        }
        List<Grant> grants = withAdmins(settings.cache().of(subjects));
        List<Scope> scopes = new ArrayList<>();
        for (Grant g : grants) {
            if (g.scope().kind() == Scope.Kind.REGISTRY) {
                return new Readable(true, List.of());
            }
            scopes.add(g.scope());
        }
        return new Readable(false, List.copyOf(scopes));
    }

    /** The grants that apply to the principal: those the store holds and, if it is one, its configured administrator's. */
    List<Grant> grants() {
        List<Grant> all = withAdmins(settings.cache().fresh(subjects));
        Collections.sort(all);
        return List.copyOf(all);
    }

    /** Drops every remembered read of grants: this registry changed one. */
    void grantsChanged() {
        settings.cache().clear();
    }

    /**
     * Asks the policy, with those of {@code stored} that belong to one of the principal's subjects and
     * cover {@code scope}, and the principal's configured ADMIN grants. The filter is the guard's own,
     * not left to the store: a database whose comparison ignores case or accents would otherwise hand
     * {@code user:ALICE} the grants of {@code user:alice}.
     */
    private AccessDecision decide(Action action, Scope scope, List<Grant> stored) {
        List<Grant> grants = new ArrayList<>(stored.size() + adminGrants.size());
        for (Grant g : stored) {
            if (subjects.contains(g.subject()) && g.scope().covers(scope)) {
                grants.add(g);
            }
        }
        grants.addAll(adminGrants);
        AccessDecision decision = settings.policy().decide(new AccessRequest(principal, action, scope, grants));
        if (decision == null) {
            throw new IllegalStateException("the access policy " + settings.policy() + " decided nothing");
        }
        return decision;
    }

    /** The grants of {@code stored} that belong to one of the principal's subjects, and its configured ADMIN grants. */
    private List<Grant> withAdmins(List<Grant> stored) {
        List<Grant> all = new ArrayList<>(stored.size() + adminGrants.size());
        for (Grant g : stored) {
            if (subjects.contains(g.subject())) {
                all.add(g);
            }
        }
        all.addAll(adminGrants);
        return all;
    }

    /** The configured administrator a decision rests on, or null if it rests on a stored grant or the policy. */
    private Subject admin(AccessDecision decision) {
        return decision.grant().filter(g -> g.role() == Role.ADMIN && g.scope().kind() == Scope.Kind.REGISTRY
                && settings.admins().contains(g.subject())).map(Grant::subject).orElse(null);
    }

    /**
     * Journals a denied attempt and returns the exception to throw. If the journal cannot take the
     * entry, the failure is logged as an error and attached to the exception as suppressed.
     */
    AccessDeniedException deny(Action action, Scope scope, Target target, String reason) {
        AccessDeniedException denied = new AccessDeniedException(principal.id(), action, scope.toString(), reason);
        try {
            settings.writer().append(new ChangeSet(UUID.randomUUID().toString(), principal.id(), settings.now().get(),
                    List.of(), List.of(), List.of(EntryDraft.of(Operations.ACCESS_DENIED, target,
                            AccessDetails.denied(action, scope, reason)))));
        } catch (RuntimeException e) {
            // The operation stays denied; the missing audit entry must not pass unnoticed.
            LOG.error("Could not journal the denial of {} on {} to {}", action, scope, principal.id(), e);
            denied.addSuppressed(e);
        }
        return denied;
    }
}
