package dev.modelregistry.jdbc;

import dev.modelregistry.events.Webhook;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Checks preconditions inside the write transaction, after the change set's models are locked, so
 * that what they read cannot change before the commit. One place for every variant.
 */
final class PreconditionSql {

    private PreconditionSql() {
    }

    /**
     * @param locked the change set's models, locked
     * @throws ChangeConflictException if the precondition does not hold
     */
    static void check(Handle h, Precondition p, LockedModels locked) {
        if (p instanceof Precondition.ModelAbsent c) {
            if (locked.exists(c.model())) {
                throw new ChangeConflictException(p, "the model exists");
            }
        } else if (p instanceof Precondition.ModelExists c) {
            if (!locked.exists(c.model())) {
                throw new ChangeConflictException(p, "no such model");
            }
        } else if (p instanceof Precondition.LifecycleIs c) {
            Optional<String> recorded = ModelSql.lifecycle(h);
            if (!recorded.equals(Optional.ofNullable(c.description()))) {
                throw new ChangeConflictException(p, recorded.isEmpty() ? "none is recorded" : "another is recorded");
            }
        } else if (p instanceof Precondition.GrantIs c) {
            if (GrantSql.held(h, c.grant()) != c.held()) {
                throw new ChangeConflictException(p, c.held() ? "it is not held" : "it is held");
            }
        } else if (p instanceof Precondition.WebhookIs c) {
            Optional<Webhook> stored = WebhookSql.find(h, c.name());
            if (!stored.equals(Optional.ofNullable(c.webhook()))) {
                throw new ChangeConflictException(p, stored.isPresent() ? "it is another" : "there is none");
            }
        } else if (p instanceof Precondition.RequestsAre c) {
            int count = h.createQuery("SELECT COUNT(*) FROM promotion_requests WHERE model_name = :model")
                    .bind("model", c.model()).mapTo(Integer.class).one();
            if (!locked.exists(c.model()) || count != c.count()) {
                throw new ChangeConflictException(p, "it has " + count);
            }
        } else if (p instanceof Precondition.RequestIs c) {
            Optional<String> state = h.createQuery("SELECT r.status, COUNT(v.principal) FROM promotion_requests r"
                            + " LEFT JOIN request_votes v ON v.model_name = r.model_name AND v.request_id = r.request_id"
                            + " WHERE r.model_name = :model AND r.request_id = :id GROUP BY r.status")
                    .bind("model", c.model())
                    .bind("id", c.id())
                    .map((rs, ctx) -> rs.getString(1) + " with " + rs.getInt(2) + " votes")
                    .findOne();
            if (!state.equals(Optional.of(c.status() + " with " + c.votes() + " votes"))) {
                throw new ChangeConflictException(p, state.map(st -> "it is " + st).orElse("no such request"));
            }
        } else if (p instanceof Precondition.EvaluationsAre c) {
            // No row if the version does not exist.
            Optional<Integer> count = h.createQuery("SELECT COUNT(e.seq) FROM versions v LEFT JOIN version_evaluations e"
                            + " ON e.model_name = v.model_name AND e.version_number = v.version_number"
                            + " WHERE v.model_name = :model AND v.version_number = :version GROUP BY v.version_number")
                    .bind("model", c.model())
                    .bind("version", c.target().version())
                    .mapTo(Integer.class)
                    .findOne();
            if (count.isEmpty() || count.get() != c.count()) {
                throw new ChangeConflictException(p, count.map(n -> "it has " + n).orElse("no such version"));
            }
        } else if (p instanceof Precondition.AliasIs c) {
            if (!locked.exists(c.model())) {
                throw new ChangeConflictException(p, "no such model");
            }
            Optional<Integer> actual = ModelSql.alias(h, c.model(), c.alias());
            if (!actual.equals(Optional.ofNullable(c.version()))) {
                throw new ChangeConflictException(p, actual.map(v -> "it points at " + v).orElse("it is not set"));
            }
        } else if (p instanceof Precondition.InStage c) {
            Optional<String> stage = h.createQuery("SELECT stage FROM versions"
                            + " WHERE model_name = :model AND version_number = :version")
                    .bind("model", c.model())
                    .bind("version", c.target().version())
                    .mapTo(String.class)
                    .findOne();
            if (!stage.equals(Optional.of(c.stage()))) {
                throw new ChangeConflictException(p, stage.map(s -> "it is in " + s).orElse("no such version"));
            }
        } else if (p instanceof Precondition.StageHolds c) {
            Set<Integer> in = new TreeSet<>(VersionReads.inStage(h, c.model(), c.stage()));
            if (!in.equals(c.versions())) {
                throw new ChangeConflictException(p, "it holds " + in);
            }
        } else if (p instanceof Precondition.DescriptionIs c) {
            Optional<String> description = description(h, c.target());
            if (!description.equals(Optional.of(c.description()))) {
                throw new ChangeConflictException(p, description.isPresent() ? "it differs" : "no such target");
            }
        } else if (p instanceof Precondition.TagIs c) {
            requireTarget(h, p, c.target());
            String value = tagQuery(h, c.target(), "SELECT item_value", " AND item_key = :key").bind("key", c.key())
                    .mapTo(String.class).findOne().orElse(null);
            if (!Objects.equals(value, c.value())) {
                throw new ChangeConflictException(p, value == null ? "no such tag" : "its value differs");
            }
        } else if (p instanceof Precondition.TagsFit c) {
            requireTarget(h, p, c.target());
            int count = tagCount(h, c.target());
            Set<String> missing = new HashSet<>(c.keys());
            missing.removeAll(tags(h, c.target(), c.keys()));
            if (count + missing.size() > c.limit()) {
                throw new ChangeConflictException(p, "it has " + count + " tags");
            }
        } else {
            throw new IllegalArgumentException("Unknown precondition " + p);
        }
    }

    private static void requireTarget(Handle h, Precondition p, Target target) {
        if (description(h, target).isEmpty()) {
            throw new ChangeConflictException(p, "no such target");
        }
    }

    private static Optional<String> description(Handle h, Target t) {
        return (t.isVersion()
                ? h.createQuery("SELECT description FROM versions WHERE model_name = :model AND version_number = :v")
                        .bind("v", t.version())
                : h.createQuery("SELECT description FROM models WHERE model_name = :model"))
                .bind("model", t.model())
                .mapTo(String.class)
                .findOne();
    }

    /** Which of {@code keys} the target has as tags. */
    private static Set<String> tags(Handle h, Target t, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(tagQuery(h, t, "SELECT item_key", " AND item_key IN (<keys>)")
                .bindList("keys", List.copyOf(keys))
                .mapTo(String.class)
                .list());
    }

    private static int tagCount(Handle h, Target t) {
        return tagQuery(h, t, "SELECT COUNT(*)", "").mapTo(Integer.class).one();
    }

    private static Query tagQuery(Handle h, Target t, String select, String where) {
        return (t.isVersion()
                ? h.createQuery(select + " FROM version_tags WHERE model_name = :model AND version_number = :v" + where)
                        .bind("v", t.version())
                : h.createQuery(select + " FROM model_tags WHERE model_name = :model" + where))
                .bind("model", t.model());
    }
}
