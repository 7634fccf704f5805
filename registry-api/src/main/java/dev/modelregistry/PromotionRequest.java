package dev.modelregistry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to move a version into a stage, and the votes on it. A stage whose gates include
 * {@link Gates#approvals(int)} is entered only through a request that enough distinct principals
 * approved; the move happens on the approval that meets every gate of the stage, and the request
 * records how it ended.
 *
 * @param ref         the version to move
 * @param id          the request's number within its model: 1, 2, 3, ...
 * @param to          the stage it would enter
 * @param requestedBy who asked
 * @param reason      why, possibly empty
 * @param at          when it was asked
 * @param status      whether it is pending, or how it ended
 * @param votes       the votes so far, oldest first
 */
public record PromotionRequest(VersionRef ref, int id, Stage to, String requestedBy, String reason, Instant at,
                               Status status, List<Vote> votes) {

    /** Where a request stands. */
    public enum Status {
        /** Waiting for votes, or for its gates. */
        PENDING,
        /** Its move happened. */
        COMPLETED,
        /** A principal rejected it. */
        REJECTED
    }

    /**
     * One principal's vote.
     *
     * @param principal who voted
     * @param approve   whether it approves
     * @param comment   why, possibly empty
     * @param at        when
     */
    public record Vote(String principal, boolean approve, String comment, Instant at) {
        public Vote {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(at, "at");
        }
    }

    public PromotionRequest {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        votes = List.copyOf(votes);
    }

    /** The distinct principals who approved. */
    public List<String> approvers() {
        return votes.stream().filter(Vote::approve).map(Vote::principal).distinct().toList();
    }
}
