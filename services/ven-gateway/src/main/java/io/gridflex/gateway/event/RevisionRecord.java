package io.gridflex.gateway.event;

import java.time.Instant;

/**
 * One event revision as {@code gateway.dr_event} keeps it.
 *
 * @param start and {@code end}, {@code peakReductionKw}: null when the revision could not be read that far
 * @param lastPublishedJson the last DrEvent published for the event, possibly of an older revision, or null
 */
record RevisionRecord(String eventId, String vtnId, String vtnEventId, long modificationNumber, String status,
        String optType, int responseCode, String reason, String marketContext, Instant start, Instant end,
        Double peakReductionKw, Instant receivedAt, long distributionId, String lastPublishedJson) {
}
