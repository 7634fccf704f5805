package dev.modelregistry.jdbc;

import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.spi.Mutation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@code grants} table (see {@code V13__access.sql}): reads of the stored grants, and the writes
 * of {@link Mutation.PutGrant} and {@link Mutation.RemoveGrant} inside a change set's transaction.
 * Lists are sorted in Java ({@link Grant#compareTo}), whatever the database's collation.
 */
final class GrantSql {

    private static final RowMapper<Grant> GRANT = (rs, ctx) -> new Grant(Subject.parse(rs.getString(1)),
            Role.valueOf(rs.getString(3)), Scope.parse(rs.getString(2)));

    private GrantSql() {
    }

    static List<Grant> of(Handle h, Collection<Subject> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return sorted(h.createQuery("SELECT subject, scope, role FROM grants WHERE subject IN (<subjects>)")
                .bindList("subjects", subjects.stream().map(Subject::toString).toList())
                .map(GRANT).list());
    }

    /** The grants of {@code subjects} on the scopes that cover {@code scope}, by the primary key. */
    static List<Grant> covering(Handle h, Collection<Subject> subjects, Scope scope) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return sorted(h.createQuery("SELECT subject, scope, role FROM grants WHERE subject IN (<subjects>)"
                        + " AND scope IN (<scopes>)")
                .bindList("subjects", subjects.stream().map(Subject::toString).toList())
                .bindList("scopes", covers(scope).stream().map(Scope::toString).toList())
                .map(GRANT).list());
    }

    /** Every scope that covers {@code scope}: the registry, a model's namespace if it has one, the scope itself. */
    private static List<Scope> covers(Scope scope) {
        List<Scope> all = new ArrayList<>(List.of(Scope.registry()));
        if (scope.kind() == Scope.Kind.MODEL && Scope.namespaceOf(scope.name()).kind() == Scope.Kind.NAMESPACE) {
            all.add(Scope.namespaceOf(scope.name()));
        }
        if (scope.kind() != Scope.Kind.REGISTRY) {
            all.add(scope);
        }
        return all;
    }

    static List<Grant> on(Handle h, Scope scope) {
        return sorted(h.createQuery("SELECT subject, scope, role FROM grants WHERE scope = :scope")
                .bind("scope", scope.toString()).map(GRANT).list());
    }

    static List<Grant> all(Handle h) {
        return sorted(h.createQuery("SELECT subject, scope, role FROM grants").map(GRANT).list());
    }

    static boolean held(Handle h, Grant grant) {
        return h.createQuery("SELECT COUNT(*) FROM grants WHERE subject = :subject AND scope = :scope AND role = :role")
                .bind("subject", grant.subject().toString())
                .bind("scope", grant.scope().toString())
                .bind("role", grant.role().name())
                .mapTo(Integer.class).one() > 0;
    }

    static void put(Handle h, Mutation.PutGrant m, String principal, Instant at) {
        h.createUpdate("INSERT INTO grants (subject, scope, role, granted_by, granted_at)"
                        + " VALUES (:subject, :scope, :role, :by, :at)")
                .bind("subject", m.grant().subject().toString())
                .bind("scope", m.grant().scope().toString())
                .bind("role", m.grant().role().name())
                .bind("by", principal)
                .bind("at", at.toEpochMilli())
                .execute();
    }

    static void remove(Handle h, Mutation.RemoveGrant m) {
        int removed = h.createUpdate("DELETE FROM grants WHERE subject = :subject AND scope = :scope AND role = :role")
                .bind("subject", m.grant().subject().toString())
                .bind("scope", m.grant().scope().toString())
                .bind("role", m.grant().role().name())
                .execute();
        if (removed != 1) {
            throw new IllegalStateException("Cannot remove " + m.grant() + ": it is not stored");
        }
    }

    private static List<Grant> sorted(List<Grant> grants) {
        List<Grant> sorted = new ArrayList<>(grants);
        Collections.sort(sorted);
        return List.copyOf(sorted);
    }
}
