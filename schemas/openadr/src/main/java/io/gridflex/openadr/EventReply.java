package io.gridflex.openadr;

import java.util.Objects;

import io.gridflex.openadr.model.ei.OptTypeType;

/** A VEN's answer to one event in oadrCreatedEvent: opted in or out, and why (response code). */
public record EventReply(String eventId, long modificationNumber, OptTypeType optType, OadrResponseCode code) {

    public EventReply {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(optType, "optType");
        Objects.requireNonNull(code, "code");
    }

    public static EventReply optIn(String eventId, long modificationNumber) {
        return new EventReply(eventId, modificationNumber, OptTypeType.OPT_IN, OadrResponseCode.OK);
    }

    /** Declines the event; the code says why (e.g. {@link OadrResponseCode#SIGNAL_NOT_SUPPORTED}) or is OK. */
    public static EventReply optOut(String eventId, long modificationNumber, OadrResponseCode code) {
        return new EventReply(eventId, modificationNumber, OptTypeType.OPT_OUT, code);
    }
}
