package io.gridflex.gateway.event;

import java.util.Objects;

import io.gridflex.messages.DrEvent;
import io.gridflex.openadr.OadrResponseCode;

/** Whether GridFlex can execute one revision of an event as the VTN sent it. */
public sealed interface Verdict {

    /** The event, normalized to kW and UTC instants, ready to publish. */
    record Accepted(DrEvent event) implements Verdict {

        public Accepted {
            Objects.requireNonNull(event, "event");
        }
    }

    /** Declined: the code goes into the optOut answer, the reason into the log and the event list. */
    record Refused(OadrResponseCode code, String reason) implements Verdict {

        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
