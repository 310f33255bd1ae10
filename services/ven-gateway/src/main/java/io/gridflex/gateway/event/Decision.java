package io.gridflex.gateway.event;

import java.util.Optional;

import io.gridflex.messages.DrEvent;
import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.OptTypeType;

/**
 * What to do with one received event revision.
 *
 * @param kind whether it is new, a repeat, or older than what we hold
 * @param optType and {@code code}: the answer, also recorded for a new revision
 * @param reason why, for the log and the event list
 * @param publish the DrEvent to write to the outbox, if any
 * @param reply the eventResponse for oadrCreatedEvent, when the VTN asked for one
 */
public record Decision(Kind kind, OptTypeType optType, OadrResponseCode code, String reason,
        Optional<DrEvent> publish, Optional<EventReply> reply) {

    public enum Kind {
        /** Unknown event or higher modification number: stored. */
        NEW_REVISION,
        /** The modification number we already hold: nothing stored or published, answered again. */
        DUPLICATE,
        /**
         * The modification number we already hold, with other content: the VTN changed the event without raising its
         * number. Handled as a {@link #DUPLICATE} (the revision held stands: nothing stored or published, answered
         * again), and logged and counted so that an operator can take it up with the utility.
         */
        CHANGED_WITHOUT_NEW_NUMBER,
        /** Lower than the modification number we hold: ignored, answered 450. */
        OUT_OF_SEQUENCE
    }

    public boolean stores() {
        return kind == Kind.NEW_REVISION;
    }
}
