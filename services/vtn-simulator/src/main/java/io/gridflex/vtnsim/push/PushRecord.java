package io.gridflex.vtnsim.push;

import java.time.Instant;

/**
 * One message this VTN pushed to a VEN, as the admin API shows it.
 *
 * @param message e.g. oadrDistributeEvent
 * @param httpStatus the VEN's HTTP status, 0 when it could not be reached
 * @param answer what the VEN's response carried: "empty", the oadrResponse code, the message name, or the error
 */
public record PushRecord(String venId, String service, String message, Instant at, int httpStatus, String answer) {
}
