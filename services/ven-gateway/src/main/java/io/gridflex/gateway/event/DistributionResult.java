package io.gridflex.gateway.event;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * What became of one oadrDistributeEvent.
 *
 * @param decisions one per event in the message, in its order
 * @param implicitlyCancelled the events held that the message left out, now cancelled (no answer is sent for them)
 * @param createdEvent the oadrCreatedEvent to send back, empty when no event asked for an answer
 * @param relayed completes once the relay is done with the DrEvents the distribution queued, or after
 *        {@code gridflex.gateway.event.answer-wait} at the latest: what the oadrCreatedEvent waits for
 */
public record DistributionResult(List<Decision> decisions, List<ImplicitlyCancelled> implicitlyCancelled,
        Optional<OadrPayload> createdEvent, CompletableFuture<Void> relayed) {

    public DistributionResult {
        decisions = List.copyOf(decisions);
        implicitlyCancelled = List.copyOf(implicitlyCancelled);
    }

    public long count(Decision.Kind kind) {
        return decisions.stream().filter(d -> d.kind() == kind).count();
    }

    public long published() {
        return decisions.stream().filter(d -> d.publish().isPresent()).count();
    }
}
