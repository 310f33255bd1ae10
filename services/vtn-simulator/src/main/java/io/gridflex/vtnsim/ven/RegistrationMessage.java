package io.gridflex.vtnsim.ven;

import java.time.Instant;

/**
 * One EiRegisterParty message a VEN sent, as received: what it was and the IDs it carried.
 *
 * @param type {@code oadrQueryRegistration}, {@code oadrCreatePartyRegistration} or
 *        {@code oadrCancelPartyRegistration}
 * @param venId the venID it presented; null when it carried none (a query never does)
 * @param registrationId the registrationID it carried; null when none
 * @param answerCode the responseCode this VTN answered with
 */
public record RegistrationMessage(String type, String venId, String registrationId, int answerCode,
        Instant receivedAt) {
}
