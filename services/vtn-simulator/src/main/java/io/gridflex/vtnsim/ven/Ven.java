package io.gridflex.vtnsim.ven;

import java.time.Instant;
import java.util.Objects;

/**
 * A VEN registered with this VTN: the IDs it was given, when it (re-)registered and when it last polled, and for a
 * push VEN (oadrHttpPullModel=false) the transport address this VTN POSTs its messages to.
 *
 * @param lastPollAt null until its first oadrPoll
 * @param transportAddress null for a pull VEN; else the VEN's root, to which {@code /OpenADR2/Simple/2.0b/<service>}
 *        is appended
 */
public record Ven(String venId, String venName, String registrationId, Instant registeredAt, Instant lastPollAt,
        String transportAddress) {

    public Ven {
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    /** Whether this VTN pushes to the VEN instead of waiting for its polls. */
    public boolean push() {
        return transportAddress != null;
    }

    Ven reregistered(String newName, String newAddress, Instant at) {
        return new Ven(venId, newName, registrationId, at, lastPollAt, newAddress);
    }

    Ven polledAt(Instant at) {
        return new Ven(venId, venName, registrationId, registeredAt, at, transportAddress);
    }
}
