package io.gridflex.gateway.registration;

import java.time.Instant;

/**
 * The gateway's standing with its VTN, as GET /api/registration shows it.
 *
 * @param registered whether a registration is in force; the IDs are null while it is not
 * @param pollInterval the effective interval between polls, ISO-8601 (e.g. PT10S)
 * @param problem the last reason registration or polling failed, null when all is well
 */
public record RegistrationView(boolean registered, String vtnUrl, String vtnId, String venId, String registrationId,
        Instant registeredAt, Instant lastPollAt, String pollInterval, String problem) {
}
