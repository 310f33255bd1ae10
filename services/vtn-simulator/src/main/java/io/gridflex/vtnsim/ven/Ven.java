package io.gridflex.vtnsim.ven;

import java.time.Instant;
import java.util.Objects;

/**
 * A VEN registered with this VTN: the IDs it was given, when it (re-)registered and when it last polled.
 *
 * @param lastPollAt null until its first oadrPoll
 */
public record Ven(String venId, String venName, String registrationId, Instant registeredAt, Instant lastPollAt) {

    public Ven {
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    Ven reregistered(String newName, Instant at) {
        return new Ven(venId, newName, registrationId, at, lastPollAt);
    }

    Ven polledAt(Instant at) {
        return new Ven(venId, venName, registrationId, registeredAt, at);
    }
}
