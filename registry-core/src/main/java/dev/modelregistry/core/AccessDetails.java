package dev.modelregistry.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The journal details of access control (docs/ACCESS.md, "In the journal"): grants, denials, the
 * recorded configuration, and the {@code authorizedBy} object that every entry written under
 * access control carries, which {@link JournalVerifier} checks against the grants of its time.
 */
final class AccessDetails {

    static final String AUTHORIZED_BY = "authorizedBy";
    static final String ALSO_AUTHORIZED_BY = "alsoAuthorizedBy";


    private AccessDetails() {
    }

    static String grant(Grant grant) {
        return text(grantNode(grant));
    }

    static String denied(Action action, Scope scope, String reason) {
        ObjectNode o = Json.object();
        o.put("action", action.name());
        o.put("scope", scope.toString());
        o.put("reason", reason);
        return text(o);
    }

    static String configured(String policy, Collection<Subject> admins) {
        ObjectNode o = Json.object();
        o.put("policy", policy);
        new TreeSet<>(admins).forEach(a -> o.withArray("admins").add(a.toString()));
        if (admins.isEmpty()) {
            o.putArray("admins");
        }
        return text(o);
    }

    /** Why an action was allowed: the stored grant, the configured administrator, or the policy's reason. */
    static ObjectNode authorization(Action action, Scope scope, Optional<Grant> grant, Subject admin, String reason) {
        ObjectNode o = Json.object();
        o.put("action", action.name());
        o.put("scope", scope.toString());
        if (admin != null) {
            o.put("admin", admin.toString());
        } else if (grant.isPresent()) {
            o.set("grant", grantNode(grant.get()));
        } else {
            o.put("policy", reason);
        }
        return o;
    }

    /**
     * {@code details} with the {@code authorizedBy} field first: the first action checked, and, if the
     * operation checked more than one, the others in {@code alsoAuthorizedBy}.
     */
    static String authorized(String details, List<ObjectNode> authorizations) {
        ObjectNode o = Json.object();
        o.set(AUTHORIZED_BY, authorizations.get(0));
        if (authorizations.size() > 1) {
            authorizations.subList(1, authorizations.size()).forEach(a -> o.withArray(ALSO_AUTHORIZED_BY).add(a));
        }
        JsonNode rest = parse(details);
        rest.fields().forEachRemaining(f -> o.set(f.getKey(), f.getValue()));
        return text(o);
    }

    static JsonNode parse(String details) {
        try {
            return Json.read(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal details are JSON: " + details, e);
        }
    }

    /** The grant a {@link #grantNode} wrote. */
    static Grant grantOf(JsonNode node) {
        return new Grant(Subject.parse(node.path("subject").asText()), Role.parse(node.path("role").asText()),
                Scope.parse(node.path("scope").asText()));
    }

    private static ObjectNode grantNode(Grant grant) {
        ObjectNode o = Json.object();
        o.put("subject", grant.subject().toString());
        o.put("role", grant.role().name());
        o.put("scope", grant.scope().toString());
        return o;
    }

    private static String text(ObjectNode o) {
        try {
            return Json.write(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings is always JSON", e);
        }
    }
}
