package dev.modelregistry.spi;

import dev.modelregistry.access.Grant;
import java.util.Objects;
import java.util.Set;

/**
 * A condition on the stored state that a {@link ChangeSet} depends on. The store checks every
 * precondition of a change set under its locks, in the transaction that applies the mutations, and
 * refuses the whole change set with a {@link ChangeConflictException} naming the first one that does
 * not hold. So a rule the core checked on what it read cannot be broken by a concurrent writer.
 */
public sealed interface Precondition {

    /** The model whose state the condition reads; the store locks it before checking. */
    String model();

    /**
     * No model of this name exists.
     *
     * @param model model name
     */
    record ModelAbsent(String model) implements Precondition {
        public ModelAbsent {
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * The model exists.
     *
     * @param model model name
     */
    record ModelExists(String model) implements Precondition {
        public ModelExists {
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * The version exists and is in {@code stage}.
     *
     * @param target the version
     * @param stage  stage name
     */
    record InStage(Target target, String stage) implements Precondition {
        public InStage {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(stage, "stage");
            if (!target.isVersion()) {
                throw new IllegalArgumentException("InStage needs a version, not " + target);
            }
        }

        @Override
        public String model() {
            return target.model();
        }
    }

    /**
     * Exactly these versions of the model are in {@code stage}.
     *
     * @param model    model name
     * @param stage    stage name
     * @param versions version numbers, possibly none
     */
    record StageHolds(String model, String stage, Set<Integer> versions) implements Precondition {
        public StageHolds {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(stage, "stage");
            versions = Set.copyOf(versions);
        }
    }

    /**
     * The target exists and its description is {@code description}.
     *
     * @param target      the model or version
     * @param description the expected description
     */
    record DescriptionIs(Target target, String description) implements Precondition {
        public DescriptionIs {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(description, "description");
        }

        @Override
        public String model() {
            return target.model();
        }
    }

    /**
     * The target exists and its tag {@code key} has {@code value}, or is absent if {@code value} is null.
     *
     * @param target the model or version
     * @param key    tag key
     * @param value  expected value, or null for "no such tag"
     */
    record TagIs(Target target, String key, String value) implements Precondition {
        public TagIs {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String model() {
            return target.model();
        }
    }

    /**
     * The target exists and would have at most {@code limit} tags if every key in {@code keys}
     * were set on it: its tags plus the keys it does not have yet number at most {@code limit}.
     *
     * @param target the model or version
     * @param keys   tag keys about to be set
     * @param limit  most tags allowed
     */
    record TagsFit(Target target, Set<String> keys, int limit) implements Precondition {
        public TagsFit {
            Objects.requireNonNull(target, "target");
            keys = Set.copyOf(keys);
        }

        @Override
        public String model() {
            return target.model();
        }
    }

    /**
     * The model exists and its alias {@code alias} points at {@code version}, or is not set if
     * {@code version} is null.
     *
     * @param model   model name
     * @param alias   the alias
     * @param version the version it must point at, or null for "not set"
     */
    record AliasIs(String model, String alias, Integer version) implements Precondition {
        public AliasIs {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(alias, "alias");
        }
    }

    /**
     * The version exists and has exactly {@code count} evaluations: since evaluations are only ever
     * appended, the ones a decision read are still all there are.
     *
     * @param target the version
     * @param count  how many evaluations it has
     */
    record EvaluationsAre(Target target, int count) implements Precondition {
        public EvaluationsAre {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String model() {
            return target.model();
        }
    }

    /**
     * The model exists and has exactly {@code count} promotion requests.
     *
     * @param model model name
     * @param count how many requests it has
     */
    record RequestsAre(String model, int count) implements Precondition {
        public RequestsAre {
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * The model's request {@code id} has status {@code status} and exactly {@code votes} votes.
     *
     * @param model  model name
     * @param id     the request's number
     * @param status a {@link dev.modelregistry.PromotionRequest.Status} name
     * @param votes  how many votes it has
     */
    record RequestIs(String model, int id, String status, int votes) implements Precondition {
        public RequestIs {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * The store's recorded lifecycle is {@code description}, or none is recorded if it is null.
     *
     * @param description the lifecycle as {@link LifecycleText#describe} writes it, or null
     */
    record LifecycleIs(String description) implements Precondition {
        @Override
        public String model() {
            return "";
        }
    }

    /**
     * The webhook subscription called {@code name} is {@code webhook} (equal as a record), or there
     * is none if it is null.
     *
     * @param name    the subscription's name
     * @param webhook what it is, or null for none
     */
    record WebhookIs(String name, dev.modelregistry.events.Webhook webhook) implements Precondition {
        public WebhookIs {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String model() {
            return "";
        }
    }

    /**
     * The grant is stored ({@code held}) or not. A grant on a model belongs to that model, whose row
     * every change of the grant locks as well ({@link Mutation.PutGrant#model()}); any other grant
     * belongs to the registry (the empty model name), so a store holds its registry-wide lock (the
     * journal head) from this check to the commit, as for every registry-level precondition. Either
     * way a change guarded by a grant and the revocation of that grant commit one wholly before the
     * other, and the later one sees the earlier.
     *
     * @param grant the grant
     * @param held  whether it must be stored or must not be
     */
    record GrantIs(Grant grant, boolean held) implements Precondition {
        public GrantIs {
            Objects.requireNonNull(grant, "grant");
        }

        @Override
        public String model() {
            return Mutation.PutGrant.modelOf(grant);
        }
    }
}
