package io.gridflex.gateway.poll;

import java.util.Objects;
import java.util.Optional;

import io.gridflex.gateway.event.DistributionResult;
import io.gridflex.openadr.OadrResponseCode;

/**
 * What one message from the VTN led to.
 *
 * @param code the OpenADR code the message was answered or refused with
 * @param detail what happened, in words
 * @param events for an oadrDistributeEvent, what became of its events
 */
public record VtnOutcome(Kind kind, OadrResponseCode code, String detail, Optional<DistributionResult> events) {

    public enum Kind {
        /** oadrResponse 200: nothing new. */
        NOTHING_NEW,
        /** oadrDistributeEvent handled. */
        EVENTS,
        /** The VTN asked us to register again, and we did. */
        REREGISTERED,
        /** The VTN cancelled our registration, or no longer knows us: we must register afresh. */
        REGISTRATION_LOST,
        /** The VTN started a report exchange (register, create or cancel a report) and was answered. */
        REPORT_ANSWERED,
        /** A message GridFlex does not act on, or an error code from the VTN. */
        IGNORED,
        /** Unreadable, hostile or not for us: refused before anything in it was used. */
        REFUSED
    }

    public VtnOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(events, "events");
    }

    static VtnOutcome of(Kind kind, OadrResponseCode code, String detail) {
        return new VtnOutcome(kind, code, detail, Optional.empty());
    }

    /** The tag value for the polls metric. */
    public String metricTag() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
