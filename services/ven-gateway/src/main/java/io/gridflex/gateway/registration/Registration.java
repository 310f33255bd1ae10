package io.gridflex.gateway.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * This VEN's registration with a program's VTN: the IDs the VTN assigned and how often it wants to be polled.
 *
 * @param program the GridFlex program the registration belongs to
 * @param pollFrequency the VTN's oadrRequestedOadrPollFreq, empty when it stated none
 */
public record Registration(String program, String vtnUrl, String venId, String registrationId, String vtnId,
        Optional<Duration> pollFrequency, Instant registeredAt) {

    public Registration {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(vtnUrl, "vtnUrl");
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(vtnId, "vtnId");
        Objects.requireNonNull(pollFrequency, "pollFrequency");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }
}
