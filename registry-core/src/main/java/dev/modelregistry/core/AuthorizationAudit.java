package dev.modelregistry.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalReport;
import dev.modelregistry.journal.JournalReport.Kind;
import dev.modelregistry.journal.JournalReport.Problem;
import dev.modelregistry.journal.Operations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replays the journal's grants while {@link JournalVerifier} walks it, and finds the entries whose
 * principal was not allowed their operation at the time (docs/ACCESS.md, "Audit"): once access
 * control was configured ({@code access.configured}), every entry of an operation must say what
 * allowed it ({@code authorizedBy}), and a grant it names must have been granted, and not revoked,
 * by the entries before it; a configured administrator must be one the journal recorded. At the
 * end the grants the replay arrives at must be the stored ones: a grant written into the database
 * behind the registry's back is reported. Used by one walk on one thread.
 */
final class AuthorizationAudit {

    /** Entries the registry writes on its own behalf, or that record a refusal: nothing to authorize. */
    private static final Set<String> UNCHECKED = Set.of(Operations.ACCESS_CONFIGURED, Operations.ACCESS_DENIED,
            Operations.LIFECYCLE_RECORDED, Operations.VERSION_DIGEST_CORRECTED);

    private final Set<Grant> grants = new HashSet<>();
    private Set<Subject> admins = Set.of();
    private long configuredAt;
    private final List<Problem> unauthorized = new ArrayList<>();

    /** Checks one intact entry, in sequence order, then applies what it changes to the replay. */
    void check(JournalEntry e) {
        if (e.operation().equals(Operations.ACCESS_CONFIGURED)) {
            configure(e);
            return;
        }
        if (configuredAt > 0 && !UNCHECKED.contains(e.operation())) {
            String why = problem(e);
            if (why != null && unauthorized.size() < JournalReport.MOST_UNAUTHORIZED) {
                unauthorized.add(new Problem(e.sequence(), Kind.UNAUTHORIZED, "entry " + e.sequence() + " ("
                        + e.operation() + " of " + (e.model().isEmpty() ? "the registry" : e.subject()) + " by "
                        + e.principal() + ") " + why));
            }
        }
        if (e.operation().equals(Operations.ACCESS_GRANTED)) {
            grants.add(AccessDetails.grantOf(AccessDetails.parse(e.details())));
        } else if (e.operation().equals(Operations.ACCESS_REVOKED)) {
            grants.remove(AccessDetails.grantOf(AccessDetails.parse(e.details())));
        }
    }

    private void configure(JournalEntry e) {
        Set<Subject> recorded = new TreeSet<>();
        AccessDetails.parse(e.details()).path("admins").forEach(a -> recorded.add(Subject.parse(a.asText())));
        admins = Set.copyOf(recorded);
        if (configuredAt == 0) {
            configuredAt = e.sequence();
        }
    }

    /** Why the entry was not allowed, or null if it was: each action it records must have been allowed. */
    private String problem(JournalEntry e) {
        JsonNode details = AccessDetails.parse(e.details());
        JsonNode why = details.path(AccessDetails.AUTHORIZED_BY);
        if (why.isMissingNode()) {
            return "says nothing of what allowed it, though access control was configured at entry " + configuredAt;
        }
        Set<Subject> own = ownSubjects(e.principal());
        String problem = problem(why, own);
        for (JsonNode also : details.path(AccessDetails.ALSO_AUTHORIZED_BY)) {
            problem = problem != null ? problem : problem(also, own);
        }
        return problem;
    }

    /** Why one recorded action was not allowed, or null if it was. */
    private String problem(JsonNode why, Set<Subject> own) {
        if (why.has("admin")) {
            Subject admin = Subject.parse(why.path("admin").asText());
            if (!admins.contains(admin)) {
                return "rests on the administrator " + admin + ", whom the journal did not record as one";
            }
            return claims(own, admin) ? null : "rests on the administrator " + admin + ", who is someone else";
        }
        if (why.has("grant")) {
            Grant grant = AccessDetails.grantOf(why.path("grant"));
            if (!grants.contains(grant)) {
                return "rests on the grant " + grant + ", which the journal had not granted at the time";
            }
            if (!claims(own, grant.subject())) {
                return "rests on the grant " + grant + ", which is someone else's";
            }
            Action action = Action.valueOf(why.path("action").asText());
            Scope scope = Scope.parse(why.path("scope").asText());
            return grant.allows(action, scope) ? null : "rests on the grant " + grant + ", which does not allow "
                    + action + " on " + scope;
        }
        return null; // A custom policy's answer: the policy's own audit tells more.
    }

    /** The principal's own subject; its groups are not in the journal, so any group may be claimed. */
    private static Set<Subject> ownSubjects(String principal) {
        try {
            return Set.of(Principal.parse(principal).subject());
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private static boolean claims(Set<Subject> own, Subject subject) {
        return subject.kind() == Subject.Kind.GROUP || own.contains(subject);
    }

    List<Problem> unauthorized() {
        return List.copyOf(unauthorized);
    }

    /** The differences between the replayed grants and the stored ones, each a {@link Kind#FORGED} problem at {@code head}. */
    List<Problem> compare(List<Grant> stored, long head) {
        List<Problem> problems = new ArrayList<>();
        for (Grant g : new TreeSet<>(stored)) {
            if (!grants.contains(g)) {
                problems.add(new Problem(head, Kind.FORGED, "the stored grant " + g + " was never granted in the journal"));
            }
        }
        for (Grant g : new TreeSet<>(grants)) {
            if (!stored.contains(g)) {
                problems.add(new Problem(head, Kind.FORGED, "the grant " + g
                        + " that the journal granted is missing from the store"));
            }
        }
        return problems;
    }
}
