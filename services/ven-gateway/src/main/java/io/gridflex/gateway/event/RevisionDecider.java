package io.gridflex.gateway.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.gridflex.messages.DrEvent;
import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.OptTypeType;

/**
 * Decides, from the revision received and the one held, whether to store, publish and how to answer. The
 * modification number orders revisions: only a higher one changes anything, so a VTN re-sending the same events on
 * every poll never causes a second publication.
 */
public final class RevisionDecider {

    private RevisionDecider() {
    }

    public static Decision decide(IncomingRevision incoming, Optional<StoredRevision> stored) {
        if (stored.isPresent()) {
            StoredRevision held = stored.get();
            if (incoming.modificationNumber() == held.modificationNumber()) {
                // Same answer as the first time, so a VTN that lost our reply hears the same thing again.
                String reason = "modification " + held.modificationNumber() + " already handled";
                Decision.Kind kind = Decision.Kind.DUPLICATE;
                Optional<String> changed = changedWithoutNewNumber(incoming, held);
                if (changed.isPresent()) {
                    kind = Decision.Kind.CHANGED_WITHOUT_NEW_NUMBER;
                    reason += "; the VTN changed its " + changed.get()
                            + " without raising the modificationNumber: the revision held stands";
                }
                return new Decision(kind, held.optType(), held.responseCode(), reason, Optional.empty(),
                        reply(incoming, held.optType(), held.responseCode()));
            }
            if (incoming.modificationNumber() < held.modificationNumber()) {
                return new Decision(Decision.Kind.OUT_OF_SEQUENCE, held.optType(), OadrResponseCode.OUT_OF_SEQUENCE,
                        "modification " + incoming.modificationNumber() + " is older than the "
                                + held.modificationNumber() + " already handled",
                        Optional.empty(), reply(incoming, held.optType(), OadrResponseCode.OUT_OF_SEQUENCE));
            }
        }
        Optional<DrEvent> lastPublished = stored.flatMap(StoredRevision::lastPublished);
        if (incoming.cancelled()) {
            return cancellation(incoming, lastPublished);
        }
        return switch (incoming.verdict()) {
            // An event that was over before it first arrived (a VTN re-sending a completed event beside current ones)
            // is acknowledged and kept, but nothing is left for dispatch to execute.
            case Verdict.Accepted accepted when lastPublished.isEmpty()
                    && !accepted.event().end().isAfter(incoming.receivedAt()) ->
                new Decision(Decision.Kind.NEW_REVISION, OptTypeType.OPT_IN, OadrResponseCode.OK,
                        "ended at " + accepted.event().end() + ", before it arrived: nothing to execute",
                        Optional.empty(), reply(incoming, OptTypeType.OPT_IN, OadrResponseCode.OK));
            case Verdict.Accepted accepted -> new Decision(Decision.Kind.NEW_REVISION, OptTypeType.OPT_IN,
                    OadrResponseCode.OK, "accepted", Optional.of(accepted.event()),
                    reply(incoming, OptTypeType.OPT_IN, OadrResponseCode.OK));
            // Declining a revision of an event we had already passed on withdraws it: dispatch must stop executing
            // the old revision, so it gets a cancellation carrying the new modification number.
            case Verdict.Refused refused -> new Decision(Decision.Kind.NEW_REVISION, OptTypeType.OPT_OUT,
                    refused.code(), refused.reason(), lastPublished.map(last -> withdrawn(last, incoming)),
                    reply(incoming, OptTypeType.OPT_OUT, refused.code()));
        };
    }

    /**
     * What differs between the event as received again and the DrEvent published for the revision held, by the
     * fields that say what to execute (not its status, which OpenADR moves from far to near to active without a new
     * modification number); empty when nothing does, or when there is nothing to compare with (the revision held was
     * declined or cancelled, or the one received cannot be read).
     */
    static Optional<String> changedWithoutNewNumber(IncomingRevision incoming, StoredRevision held) {
        if (!(incoming.verdict() instanceof Verdict.Accepted accepted) || held.lastPublished().isEmpty()) {
            return Optional.empty();
        }
        DrEvent last = held.lastPublished().get();
        if (last.modificationNumber() != held.modificationNumber() + held.implicitCancellations()
                || last.status() == DrEvent.EventStatus.CANCELLED) {
            return Optional.empty();
        }
        DrEvent now = accepted.event();
        List<String> changed = new ArrayList<>();
        if (!now.start().equals(last.start()) || !now.end().equals(last.end())) {
            changed.add("timing");
        }
        if (now.signal() != last.signal() || !Objects.equals(now.currency(), last.currency())
                || !now.intervals().equals(last.intervals())) {
            changed.add("signal");
        }
        if (!now.targets().equals(last.targets())) {
            changed.add("targets");
        }
        if (now.startAfterSeconds() != last.startAfterSeconds() || now.priority() != last.priority()
                || now.testEvent() != last.testEvent() || !Objects.equals(now.marketContext(), last.marketContext())) {
            changed.add("properties");
        }
        return changed.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", changed));
    }

    /**
     * A cancellation is acknowledged with optIn. It withdraws what was passed on: what is published is this
     * revision's own content when it could be read, else the last revision published (dispatch needs the intervals
     * to know what to stop). A cancellation of an event never passed on (first seen cancelled, or only ever declined)
     * is kept and publishes nothing: dispatch has nothing to stop.
     */
    private static Decision cancellation(IncomingRevision incoming, Optional<DrEvent> lastPublished) {
        Optional<DrEvent> cancelled = lastPublished.map(last -> incoming.verdict() instanceof Verdict.Accepted accepted
                ? accepted.event()
                : withdrawn(last, incoming));
        return new Decision(Decision.Kind.NEW_REVISION, OptTypeType.OPT_IN, OadrResponseCode.OK,
                lastPublished.isPresent() ? "cancelled by the VTN" : "cancelled by the VTN before it was passed on",
                cancelled.map(event -> withStatus(event, DrEvent.EventStatus.CANCELLED)),
                reply(incoming, OptTypeType.OPT_IN, OadrResponseCode.OK));
    }

    private static DrEvent withdrawn(DrEvent last, IncomingRevision incoming) {
        return DrEventRevision.of(last, incoming.modificationNumber(), DrEvent.EventStatus.CANCELLED,
                incoming.receivedAt());
    }

    private static DrEvent withStatus(DrEvent event, DrEvent.EventStatus status) {
        return DrEventRevision.of(event, event.modificationNumber(), status, event.receivedAt());
    }

    private static Optional<EventReply> reply(IncomingRevision incoming, OptTypeType optType, OadrResponseCode code) {
        if (!incoming.responseRequired()) {
            return Optional.empty();
        }
        return Optional.of(new EventReply(incoming.vtnEventId(), incoming.modificationNumber(), optType, code));
    }
}
