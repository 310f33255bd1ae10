package io.gridflex.vtnsim.log;

import java.time.Instant;

/**
 * One message a VEN sent to this VTN's simpleHTTP services, and how this VTN answered it. The IDs are those the
 * message itself carried, null where it carries none (an oadrQueryRegistration names no VEN).
 *
 * @param sequence the order of arrival across all services, from 1
 * @param service the simpleHTTP service it was sent to, e.g. {@code EiRegisterParty}
 * @param message its element name, e.g. {@code oadrCreatePartyRegistration}
 * @param responseCode the code the VEN's own eiResponse carried (an oadrResponse, oadrCreatedEvent,
 *        oadrCanceledPartyRegistration, oadrCreatedReport...), null for a request
 * @param answer the element name of this VTN's reply; {@code none} for an empty HTTP 200
 * @param answerCode the responseCode of the reply's eiResponse; null when the reply carries none
 */
public record ReceivedMessage(long sequence, Instant receivedAt, String service, String message, String venId,
        String registrationId, String requestId, String responseCode, String answer, String answerCode) {
}
