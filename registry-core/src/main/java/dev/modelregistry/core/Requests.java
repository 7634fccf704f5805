package dev.modelregistry.core;

import dev.modelregistry.Gate;
import dev.modelregistry.GateRefusedException;
import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.PromotionRequest;
import dev.modelregistry.PromotionRequest.Status;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionRef;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.RequestRecord;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.VersionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Promotion requests: opening one, and votes, where the approval that meets every gate of the
 * stage makes the move in the same change set as the vote and the request's end. Every change set
 * requires the request to be as read (its status and number of votes), so two votes at once are
 * recorded one after the other, and the one that completes the quorum makes the move.
 */
final class Requests {

    private final DefaultRegistry registry;
    private final MetadataStore metadata;
    private final Transitions transitions;

    Requests(DefaultRegistry registry, MetadataStore metadata, Transitions transitions) {
        this.registry = registry;
        this.metadata = metadata;
        this.transitions = transitions;
    }

    Writer.Decision<PromotionRequest> open(Writer.Stamp stamp, VersionRef ref, Stage to, String reason) {
        VersionRecord version = registry.requireVersion(ref);
        Stage from = registry.stageNamed(version.stage());
        if (!registry.lifecycle().allows(from, to)) {
            throw new IllegalTransitionException(ref, from, to);
        }
        int id = metadata.requests(ref.model()).size() + 1;
        Target target = Target.version(ref.model(), ref.version());
        return stamp.change(List.of(new Precondition.RequestsAre(ref.model(), id - 1),
                        new Precondition.InStage(target, version.stage())),
                List.of(new Mutation.OpenRequest(ref.model(), id, ref.version(), to.name(), reason)),
                List.of(EntryDraft.of(Operations.REQUEST_OPENED, target, Details.requestOpened(id, to.name(), reason))),
                applied -> read(ref.model(), id).orElseThrow());
    }

    Writer.Decision<PromotionRequest> vote(Writer.Stamp stamp, String model, int id, boolean approve, String comment) {
        PromotionRequest request = require(model, id);
        String label = "request " + id + " of " + model;
        if (request.status() != Status.PENDING) {
            throw new InvalidInputException("promotion request", label, "is " + request.status() + ", not pending");
        }
        String voter = stamp.principal();
        if (request.votes().stream().anyMatch(v -> v.principal().equals(voter))) {
            throw new InvalidInputException("voter", voter, "has voted on " + label + " already");
        }
        VersionRecord version = registry.requireVersion(request.ref());
        if (approve && registry.gatesOf(request.to()).stream().anyMatch(Gate::fourEyes)) {
            if (voter.equals(request.requestedBy()) || voter.equals(version.createdBy())) {
                String role = voter.equals(request.requestedBy()) ? "asked for " + label : "created " + request.ref();
                throw new InvalidInputException("voter", voter, role + ", and " + request.to().name()
                        + " requires the approval of others (four-eyes)");
            }
        }
        Target target = Target.version(model, request.ref().version());
        List<Precondition> preconditions = new ArrayList<>(List.of(new Precondition.RequestIs(model, id,
                Status.PENDING.name(), request.votes().size())));
        List<Mutation> mutations = new ArrayList<>(List.of(new Mutation.AddVote(model, id, approve, comment)));
        List<EntryDraft> entries = new ArrayList<>(List.of(EntryDraft.of(Operations.REQUEST_VOTED, target,
                Details.voted(id, approve, comment))));
        Status end = approve ? Status.PENDING : Status.REJECTED;
        if (approve) {
            List<String> approvers = new ArrayList<>(request.approvers());
            approvers.add(voter);
            try {
                Writer.Decision<ModelVersion> move = transitions.decide(stamp, version, request.to(),
                        request.reason(), false, approvers);
                preconditions.addAll(move.changes().preconditions());
                mutations.addAll(move.changes().mutations());
                entries.addAll(move.changes().entries());
                end = Status.COMPLETED;
            } catch (GateRefusedException | IllegalTransitionException notYet) {
                // The vote counts; the move waits for the gates (or a stage it may move from).
            }
        }
        if (end != Status.PENDING) {
            mutations.add(new Mutation.CloseRequest(model, id, end.name()));
            entries.add(EntryDraft.of(Operations.REQUEST_CLOSED, target, Details.requestClosed(id, end.name())));
        }
        // The request as this vote left it (its precondition pinned the votes before it); a read
        // after the commit could already show a concurrent vote that came after this one.
        List<PromotionRequest.Vote> votes = new ArrayList<>(request.votes());
        votes.add(new PromotionRequest.Vote(voter, approve, comment, stamp.at()));
        PromotionRequest left = new PromotionRequest(request.ref(), request.id(), request.to(), request.requestedBy(),
                request.reason(), request.at(), end, votes);
        return stamp.change(preconditions, mutations, entries, applied -> left);
    }

    Optional<PromotionRequest> read(String model, int id) {
        List<RequestRecord> all = metadata.requests(model);
        return id < 1 || id > all.size() ? Optional.empty() : Optional.of(toRequest(all.get(id - 1)));
    }

    List<PromotionRequest> pending(String model) {
        return metadata.requests(model).stream().filter(r -> r.status().equals(Status.PENDING.name()))
                .map(this::toRequest).toList();
    }

    PromotionRequest require(String model, int id) {
        registry.requireModel(model);
        return read(model, id).orElseThrow(() -> new InvalidInputException("promotion request",
                "request " + id + " of " + model, "does not exist"));
    }

    private PromotionRequest toRequest(RequestRecord r) {
        return new PromotionRequest(new VersionRef(r.model(), r.version()), r.id(), registry.stageNamed(r.to()),
                r.requestedBy(), r.reason(), r.at(), Status.valueOf(r.status()), r.votes());
    }
}
