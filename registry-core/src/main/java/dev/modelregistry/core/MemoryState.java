package dev.modelregistry.core;

import dev.modelregistry.Evaluation;
import dev.modelregistry.Model;
import dev.modelregistry.ModelChange;
import dev.modelregistry.PromotionRequest;
import dev.modelregistry.VersionChange;
import dev.modelregistry.VersionRef;
import dev.modelregistry.access.Grant;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.RequestRecord;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.VersionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The models and versions of an {@link InMemoryMetadataStore}, with the checks and writes of
 * preconditions and mutations; one place per variant. Not thread-safe: guarded by the store's lock.
 */
final class MemoryState {

    /** The recorded lifecycle, or null. */
    String lifecycle;

    private final Map<String, ModelState> models = new TreeMap<>();

    /** Webhook subscriptions by name. */
    final Map<String, dev.modelregistry.events.Webhook> webhooks = new TreeMap<>();

    /** Stored grants, in their order. */
    final SortedSet<Grant> grants = new TreeSet<>();

    Optional<ModelState> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    List<Model> models() {
        return models.values().stream().map(ModelState::toModel).toList();
    }

    Optional<VersionState> find(String model, int version) {
        return model(model).map(m -> m.versions.get(version));
    }

    /** Every version of every model, in model and version order. */
    java.util.stream.Stream<VersionState> allVersions() {
        return models.values().stream().flatMap(m -> m.versions.values().stream());
    }

    void clear() {
        models.clear();
        webhooks.clear();
        grants.clear();
    }

    /** @throws ChangeConflictException if the precondition does not hold */
    void check(Precondition p) {
        if (p instanceof Precondition.ModelAbsent c) {
            if (models.containsKey(c.model())) {
                throw new ChangeConflictException(p, "the model exists");
            }
        } else if (p instanceof Precondition.ModelExists c) {
            if (!models.containsKey(c.model())) {
                throw new ChangeConflictException(p, "no such model");
            }
        } else if (p instanceof Precondition.WebhookIs c) {
            if (!Objects.equals(webhooks.get(c.name()), c.webhook())) {
                throw new ChangeConflictException(p, webhooks.containsKey(c.name()) ? "it is another" : "there is none");
            }
        } else if (p instanceof Precondition.GrantIs c) {
            if (grants.contains(c.grant()) != c.held()) {
                throw new ChangeConflictException(p, c.held() ? "it is not held" : "it is held");
            }
        } else if (p instanceof Precondition.LifecycleIs c) {
            if (!Objects.equals(lifecycle, c.description())) {
                throw new ChangeConflictException(p, lifecycle == null ? "none is recorded" : "another is recorded");
            }
        } else if (p instanceof Precondition.RequestsAre c) {
            ModelState model = models.get(c.model());
            if (model == null || model.requests.size() != c.count()) {
                throw new ChangeConflictException(p, model == null ? "no such model" : "it has " + model.requests.size());
            }
        } else if (p instanceof Precondition.RequestIs c) {
            RequestState r = request(c.model(), c.id());
            if (r == null || !r.status.equals(c.status()) || r.votes.size() != c.votes()) {
                throw new ChangeConflictException(p, r == null ? "no such request"
                        : "it is " + r.status + " with " + r.votes.size() + " votes");
            }
        } else if (p instanceof Precondition.EvaluationsAre c) {
            int count = find(c.model(), c.target().version()).map(v -> v.evaluations.size()).orElse(-1);
            if (count != c.count()) {
                throw new ChangeConflictException(p, count < 0 ? "no such version" : "it has " + count);
            }
        } else if (p instanceof Precondition.AliasIs c) {
            ModelState model = models.get(c.model());
            if (model == null) {
                throw new ChangeConflictException(p, "no such model");
            }
            Integer actual = model.aliases.get(c.alias());
            if (!Objects.equals(actual, c.version())) {
                throw new ChangeConflictException(p, actual == null ? "it is not set" : "it points at " + actual);
            }
        } else if (p instanceof Precondition.InStage c) {
            String stage = find(c.model(), c.target().version()).map(v -> v.stage).orElse(null);
            if (!c.stage().equals(stage)) {
                throw new ChangeConflictException(p, stage == null ? "no such version" : "it is in " + stage);
            }
        } else if (p instanceof Precondition.StageHolds c) {
            Set<Integer> in = new TreeSet<>();
            model(c.model()).ifPresent(m -> m.versions.values().stream()
                    .filter(v -> v.stage.equals(c.stage())).forEach(v -> in.add(v.number)));
            if (!in.equals(c.versions())) {
                throw new ChangeConflictException(p, "it holds " + in);
            }
        } else if (p instanceof Precondition.DescriptionIs c) {
            String description = fields(c.target()).map(Fields::description).orElse(null);
            if (!c.description().equals(description)) {
                throw new ChangeConflictException(p, description == null ? "no such target" : "it differs");
            }
        } else if (p instanceof Precondition.TagIs c) {
            Fields f = fields(c.target()).orElseThrow(() -> new ChangeConflictException(p, "no such target"));
            String value = f.tags().get(c.key());
            if (!Objects.equals(value, c.value())) {
                throw new ChangeConflictException(p, value == null ? "no such tag" : "its value differs");
            }
        } else if (p instanceof Precondition.TagsFit c) {
            Fields f = fields(c.target()).orElseThrow(() -> new ChangeConflictException(p, "no such target"));
            Set<String> after = new HashSet<>(f.tags().keySet());
            after.addAll(c.keys());
            if (after.size() > c.limit()) {
                throw new ChangeConflictException(p, "it has " + f.tags().size() + " tags");
            }
        } else {
            throw new IllegalArgumentException("Unknown precondition " + p);
        }
    }

    /**
     * Checks that every mutation has something to apply to, so that applying them cannot fail
     * half-way; a change set whose preconditions do not guarantee this is the core's mistake.
     */
    void checkApplicable(List<Mutation> mutations) {
        Set<String> created = new HashSet<>();
        for (Mutation m : mutations) {
            boolean exists = models.containsKey(m.model()) || created.contains(m.model());
            boolean ok;
            if (m instanceof Mutation.CreateModel) {
                ok = !exists && created.add(m.model());
            } else if (m instanceof Mutation.InsertVersion) {
                ok = exists;
            } else if (m instanceof Mutation.MoveStage c) {
                ok = find(c.model(), c.target().version()).isPresent();
            } else if (m instanceof Mutation.SetDescription c) {
                ok = fields(c.target()).isPresent();
            } else if (m instanceof Mutation.SetTag c) {
                ok = fields(c.target()).isPresent();
            } else if (m instanceof Mutation.AddEvaluation c) {
                ok = find(c.model(), c.target().version()).isPresent();
            } else if (m instanceof Mutation.RecordLifecycle || m instanceof Mutation.PutWebhook) {
                ok = true;
            } else if (m instanceof Mutation.PutGrant c) {
                ok = !grants.contains(c.grant());
            } else if (m instanceof Mutation.RemoveGrant c) {
                ok = grants.contains(c.grant());
            } else if (m instanceof Mutation.RemoveWebhook c) {
                ok = webhooks.containsKey(c.name());
            } else if (m instanceof Mutation.OpenRequest c) {
                ok = find(c.model(), c.version()).isPresent();
            } else if (m instanceof Mutation.AddVote c) {
                ok = request(c.model(), c.id()) != null;
            } else if (m instanceof Mutation.CloseRequest c) {
                ok = request(c.model(), c.id()) != null;
            } else if (m instanceof Mutation.SetAlias c) {
                ok = c.to() == null ? models.containsKey(c.model()) : find(c.model(), c.to()).isPresent();
            } else {
                throw new IllegalArgumentException("Unknown mutation " + m);
            }
            if (!ok) {
                throw new IllegalStateException("Cannot apply " + m + ": its target is missing or already exists");
            }
        }
    }

    /** Applies a mutation; returns the number of the version it inserted, or 0. */
    int apply(Mutation m, String actor, Instant at) {
        if (m instanceof Mutation.CreateModel c) {
            models.put(c.model(), new ModelState(c.model(), c.description(), c.tags(), c.createdBy(),
                    InMemoryMetadataStore.millis(c.createdAt())));
        } else if (m instanceof Mutation.InsertVersion c) {
            ModelState model = models.get(c.model());
            int number = ++model.latestVersion;
            model.versions.put(number, new VersionState(number, c.version(),
                    InMemoryMetadataStore.millis(c.version().createdAt())));
            return number;
        } else if (m instanceof Mutation.MoveStage c) {
            VersionState v = find(c.model(), c.target().version()).orElseThrow();
            v.transitions.add(new TransitionRecord(c.model(), v.number, v.stage, c.to(), actor, at, c.comment()));
            v.stage = c.to();
        } else if (m instanceof Mutation.SetDescription c) {
            History h = history(c.target());
            h.setDescription(c.to());
            h.record("description", c.from(), c.to(), actor, at);
        } else if (m instanceof Mutation.SetTag c) {
            History h = history(c.target());
            if (c.to() == null) {
                h.tags().remove(c.key());
            } else {
                h.tags().put(c.key(), c.to());
            }
            h.record("tag:" + c.key(), c.from(), c.to(), actor, at);
        } else if (m instanceof Mutation.RecordLifecycle c) {
            lifecycle = c.description();
        } else if (m instanceof Mutation.PutWebhook c) {
            webhooks.put(c.webhook().name(), c.webhook());
        } else if (m instanceof Mutation.RemoveWebhook c) {
            webhooks.remove(c.name());
        } else if (m instanceof Mutation.PutGrant c) {
            grants.add(c.grant());
        } else if (m instanceof Mutation.RemoveGrant c) {
            grants.remove(c.grant());
        } else if (m instanceof Mutation.OpenRequest c) {
            models.get(c.model()).requests.add(new RequestState(c, actor, at));
        } else if (m instanceof Mutation.AddVote c) {
            request(c.model(), c.id()).votes.add(new PromotionRequest.Vote(actor, c.approve(), c.comment(), at));
        } else if (m instanceof Mutation.CloseRequest c) {
            request(c.model(), c.id()).status = c.status();
        } else if (m instanceof Mutation.AddEvaluation c) {
            VersionState v = find(c.model(), c.target().version()).orElseThrow();
            v.evaluations.add(new Evaluation(new VersionRef(c.model(), v.number), v.evaluations.size() + 1, c.name(),
                    c.metrics(), c.passed(), c.details(), actor, at));
        } else if (m instanceof Mutation.SetAlias c) {
            ModelState model = models.get(c.model());
            if (c.to() == null) {
                model.aliases.remove(c.alias());
            } else {
                model.aliases.put(c.alias(), c.to());
            }
            model.record("alias:" + c.alias(), c.from() == null ? null : c.from().toString(),
                    c.to() == null ? null : c.to().toString(), actor, at);
        } else {
            throw new IllegalArgumentException("Unknown mutation " + m);
        }
        return 0;
    }

    private History history(Target target) {
        return target.isVersion() ? find(target.model(), target.version()).orElseThrow() : models.get(target.model());
    }

    private Optional<Fields> fields(Target target) {
        if (target.isVersion()) {
            return find(target.model(), target.version()).map(v -> new Fields(v.description, v.tags));
        }
        return model(target.model()).map(m -> new Fields(m.description, m.tags));
    }

    /** The mutable fields that models and versions share. */
    private record Fields(String description, Map<String, String> tags) {
    }

    /** What models and versions share: a description, tags and the record of their changes. */
    private interface History {
        Map<String, String> tags();

        void setDescription(String description);

        void record(String field, String oldValue, String newValue, String actor, Instant at);
    }

    private RequestState request(String model, int id) {
        ModelState m = models.get(model);
        return m == null || id < 1 || id > m.requests.size() ? null : m.requests.get(id - 1);
    }

    /** A promotion request and its votes. */
    static final class RequestState {
        final Mutation.OpenRequest opened;
        final String requestedBy;
        final Instant at;
        final List<PromotionRequest.Vote> votes = new ArrayList<>();
        String status = PromotionRequest.Status.PENDING.name();

        RequestState(Mutation.OpenRequest opened, String requestedBy, Instant at) {
            this.opened = opened;
            this.requestedBy = requestedBy;
            this.at = at;
        }

        RequestRecord toRecord() {
            // In the order the SQL stores read them: by time, then principal.
            List<PromotionRequest.Vote> ordered = votes.stream().sorted(java.util.Comparator
                    .comparing(PromotionRequest.Vote::at).thenComparing(PromotionRequest.Vote::principal)).toList();
            return new RequestRecord(opened.model(), opened.id(), opened.version(), opened.to(), requestedBy,
                    opened.reason(), at, status, ordered);
        }
    }

    /** Mutable model state. */
    static final class ModelState implements History {
        final String name;
        final String createdBy;
        final Instant createdAt;
        final Map<String, String> tags;
        final TreeMap<Integer, VersionState> versions = new TreeMap<>();
        final TreeMap<String, Integer> aliases = new TreeMap<>();
        final List<RequestState> requests = new ArrayList<>();
        final List<ModelChange> changes = new ArrayList<>();
        String description;
        int latestVersion;

        ModelState(String name, String description, Map<String, String> tags, String createdBy, Instant createdAt) {
            this.name = name;
            this.description = description;
            this.tags = new HashMap<>(tags);
            this.createdBy = createdBy;
            this.createdAt = createdAt;
        }

        @Override
        public Map<String, String> tags() {
            return tags;
        }

        @Override
        public void setDescription(String description) {
            this.description = description;
        }

        @Override
        public void record(String field, String oldValue, String newValue, String actor, Instant at) {
            changes.add(new ModelChange(name, field, oldValue, newValue, actor, at));
        }

        Model toModel() {
            return new Model(name, description, tags, createdBy, createdAt, latestVersion);
        }
    }

    /** Mutable version state; the immutable parts are kept as registered. */
    static final class VersionState implements History {
        final int number;
        final NewVersion registered;
        final Instant createdAt;
        final Map<String, String> tags;
        final List<TransitionRecord> transitions = new ArrayList<>();
        final List<VersionChange> changes = new ArrayList<>();
        final List<Evaluation> evaluations = new ArrayList<>();
        String stage;
        String description;

        VersionState(int number, NewVersion registered, Instant createdAt) {
            this.number = number;
            this.registered = registered;
            this.createdAt = createdAt;
            this.tags = new HashMap<>(registered.tags());
            this.stage = registered.stage();
            this.description = registered.description();
        }

        @Override
        public Map<String, String> tags() {
            return tags;
        }

        @Override
        public void setDescription(String description) {
            this.description = description;
        }

        @Override
        public void record(String field, String oldValue, String newValue, String actor, Instant at) {
            changes.add(new VersionChange(VersionRef.of(registered.model(), number), field, oldValue, newValue,
                    actor, at));
        }

        VersionRecord toRecord() {
            return new VersionRecord(registered.model(), number, stage, description, registered.params(),
                    registered.metrics(), tags, registered.files(), registered.digest(), registered.createdBy(),
                    createdAt);
        }
    }
}
