package io.gridflex.gateway.event;

import java.math.BigDecimal;
import java.time.Instant;

import io.gridflex.messages.DrEvent;

/**
 * One event revision as {@code gateway.dr_event} keeps it.
 *
 * @param program the program whose VTN connection received it
 * @param start and {@code end}, {@code signal}, {@code peakValue}: null when the revision could not be read that far
 * @param peakValue the largest interval value, read as {@code signal} says
 * @param currency of a price signal, else null
 * @param lastPublishedJson the last DrEvent published for the event, possibly of an older revision, or null
 */
record RevisionRecord(String eventId, String program, String vtnId, String vtnEventId, long modificationNumber,
        String status,
        String optType, int responseCode, String reason, String marketContext, Instant start, Instant end,
        DrEvent.Signal signal, BigDecimal peakValue, String currency, Instant receivedAt, long distributionId,
        String lastPublishedJson) {
}
