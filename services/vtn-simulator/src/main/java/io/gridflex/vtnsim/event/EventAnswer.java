package io.gridflex.vtnsim.event;

import java.util.Objects;

/** One eventResponse of a VEN's oadrCreatedEvent, in the VEN's own words. */
public record EventAnswer(String eventId, long modificationNumber, String optType, String responseCode) {

    public EventAnswer {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(optType, "optType");
        Objects.requireNonNull(responseCode, "responseCode");
    }
}
