package dev.modelregistry.spi;

import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Scope;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One explicit change a {@link ChangeSet} makes, decided by the core. A store applies the mutations
 * of a change set in their order, in one transaction; it decides nothing itself (no displacement,
 * no limit, no default). Every mutation that changes mutable metadata also records its history row
 * (stage move, description or tag change) with the change set's principal and time.
 */
public sealed interface Mutation {

    /** The model the mutation writes to; the store locks it before applying. */
    String model();

    /**
     * Creates a model with no versions.
     *
     * @param model       model name
     * @param description description, possibly empty
     * @param tags        model tags
     * @param createdBy   creator
     * @param createdAt   creation time
     */
    record CreateModel(String model, String description, Map<String, String> tags, String createdBy,
                       Instant createdAt) implements Mutation {
        public CreateModel {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(description, "description");
            tags = Map.copyOf(tags);
            Objects.requireNonNull(createdBy, "createdBy");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /**
     * Inserts a version under the model's next number, which the store allocates under the model's
     * lock: numbers start at 1, increase by one and are never reused. The model must exist (a
     * change set that registers the first version of a new model creates it first). At most one per
     * change set.
     *
     * @param version the version
     */
    record InsertVersion(NewVersion version) implements Mutation {
        public InsertVersion {
            Objects.requireNonNull(version, "version");
        }

        @Override
        public String model() {
            return version.model();
        }
    }

    /**
     * Moves a version from one stage to another and records the move.
     *
     * @param target  the version
     * @param from    the stage it leaves (a {@link Precondition.InStage} or {@link Precondition.StageHolds}
     *                of the same change set guarantees it)
     * @param to      the stage it enters
     * @param comment why, possibly empty
     */
    record MoveStage(Target target, String from, String to, String comment) implements Mutation {
        public MoveStage {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(comment, "comment");
            if (!target.isVersion()) {
                throw new IllegalArgumentException("MoveStage needs a version, not " + target);
            }
        }

        @Override
        public String model() {
            return target.model();
        }
    }

    /**
     * Replaces the description of a model or version and records the change.
     *
     * @param target the model or version
     * @param from   the description before (a {@link Precondition.DescriptionIs} guarantees it)
     * @param to     the description after
     */
    record SetDescription(Target target, String from, String to) implements Mutation {
        public SetDescription {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String model() {
            return target.model();
        }
    }

    /**
     * Sets or removes a tag of a model or version and records the change.
     *
     * @param target the model or version
     * @param key    tag key
     * @param from   the value before, null if absent (a {@link Precondition.TagIs} guarantees it)
     * @param to     the value after, null to remove the tag
     */
    record SetTag(Target target, String key, String from, String to) implements Mutation {
        public SetTag {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(key, "key");
            if (from == null && to == null) {
                throw new IllegalArgumentException("SetTag of " + key + " on " + target + " changes nothing");
            }
        }

        @Override
        public String model() {
            return target.model();
        }
    }

    /**
     * Points an alias of a model at a version, moves it, or removes it, and records the change.
     *
     * @param model model name
     * @param alias the alias
     * @param from  the version it pointed at before, null if it was not set (a
     *              {@link Precondition.AliasIs} guarantees it)
     * @param to    the version it points at after, null to remove it; the version must exist
     */
    record SetAlias(String model, String alias, Integer from, Integer to) implements Mutation {
        public SetAlias {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(alias, "alias");
            if (Objects.equals(from, to)) {
                throw new IllegalArgumentException("SetAlias of " + alias + " on " + model + " changes nothing");
            }
        }
    }

    /**
     * Appends an evaluation to a version, as the next of its evaluations; recorded by the change
     * set's principal at its time.
     *
     * @param target  the version
     * @param name    what was evaluated
     * @param metrics what it measured
     * @param passed  whether it passed
     * @param details free text, possibly empty
     */
    record AddEvaluation(Target target, String name, Map<String, Double> metrics, boolean passed, String details)
            implements Mutation {
        public AddEvaluation {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(name, "name");
            metrics = Map.copyOf(metrics);
            Objects.requireNonNull(details, "details");
        }

        @Override
        public String model() {
            return target.model();
        }
    }

    /**
     * Opens a promotion request as the model's request {@code id} (one more than it has; a
     * {@link Precondition.RequestsAre} guarantees it), by the change set's principal at its time.
     *
     * @param model   model name
     * @param id      the request's number
     * @param version the version to move; it must exist
     * @param to      the stage it would enter
     * @param reason  why, possibly empty
     */
    record OpenRequest(String model, int id, int version, String to, String reason) implements Mutation {
        public OpenRequest {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Records the change set's principal's vote on a pending request (a
     * {@link Precondition.RequestIs} guarantees it is pending and who voted).
     *
     * @param model   model name
     * @param id      the request's number
     * @param approve whether the vote approves
     * @param comment why, possibly empty
     */
    record AddVote(String model, int id, boolean approve, String comment) implements Mutation {
        public AddVote {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(comment, "comment");
        }
    }

    /**
     * Ends a pending request.
     *
     * @param model  model name
     * @param id     the request's number
     * @param status how it ended: a {@link dev.modelregistry.PromotionRequest.Status} name
     */
    record CloseRequest(String model, int id, String status) implements Mutation {
        public CloseRequest {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * Records the registry's lifecycle in the store, replacing the one recorded before (a
     * {@link Precondition.LifecycleIs} guarantees which). Its model is the empty name: it belongs
     * to the registry, not to a model.
     *
     * @param description the lifecycle as {@link LifecycleText#describe} writes it
     */
    record RecordLifecycle(String description) implements Mutation {
        public RecordLifecycle {
            Objects.requireNonNull(description, "description");
        }

        @Override
        public String model() {
            return "";
        }
    }

    /**
     * Stores a webhook subscription, replacing the one of the same name if there is one (a
     * {@link Precondition.WebhookIs} guarantees which). Its model is the empty name: it belongs to
     * the registry.
     *
     * @param webhook the subscription, already validated
     */
    record PutWebhook(dev.modelregistry.events.Webhook webhook) implements Mutation {
        public PutWebhook {
            Objects.requireNonNull(webhook, "webhook");
        }

        @Override
        public String model() {
            return "";
        }
    }

    /**
     * Removes a webhook subscription.
     *
     * @param name the subscription's name
     */
    record RemoveWebhook(String name) implements Mutation {
        public RemoveWebhook {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String model() {
            return "";
        }
    }

    /**
     * Stores a grant, given by the change set's principal at its time. A {@link Precondition.GrantIs}
     * says it was not stored.
     *
     * @param grant the grant
     */
    record PutGrant(Grant grant) implements Mutation {
        public PutGrant {
            Objects.requireNonNull(grant, "grant");
        }

        /** The model of a grant on a model, else the registry (the empty name); see {@link Precondition.GrantIs}. */
        @Override
        public String model() {
            return modelOf(grant);
        }

        /** The model a grant belongs to: the model of a grant on a model, else the registry (the empty name). */
        static String modelOf(Grant grant) {
            return grant.scope().kind() == Scope.Kind.MODEL ? grant.scope().name() : "";
        }
    }

    /**
     * Removes a stored grant.
     *
     * @param grant the grant
     */
    record RemoveGrant(Grant grant) implements Mutation {
        public RemoveGrant {
            Objects.requireNonNull(grant, "grant");
        }

        /** As {@link PutGrant#model()}. */
        @Override
        public String model() {
            return PutGrant.modelOf(grant);
        }
    }
}
