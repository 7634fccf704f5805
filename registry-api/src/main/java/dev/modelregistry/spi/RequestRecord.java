package dev.modelregistry.spi;

import dev.modelregistry.PromotionRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A promotion request as a store keeps it; stages and statuses by name.
 *
 * @param model       model name
 * @param id          the request's number within the model
 * @param version     the version to move
 * @param to          the stage it would enter
 * @param requestedBy who asked
 * @param reason      why, possibly empty
 * @param at          when it was asked
 * @param status      a {@link PromotionRequest.Status} name
 * @param votes       the votes, oldest first
 */
public record RequestRecord(String model, int id, int version, String to, String requestedBy, String reason,
                            Instant at, String status, List<PromotionRequest.Vote> votes) {

    public RequestRecord {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        votes = List.copyOf(votes);
    }
}
