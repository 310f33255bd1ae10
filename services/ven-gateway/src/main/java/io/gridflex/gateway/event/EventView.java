package io.gridflex.gateway.event;

import java.time.Instant;

/**
 * An event as the gateway last handled it, for GET /api/events.
 *
 * @param status the event status the VTN last stated (NONE, FAR, NEAR, ACTIVE, COMPLETED, CANCELLED)
 * @param optType optIn or optOut, as answered to the VTN
 * @param responseCode the code of that answer (200, or why we opted out)
 * @param reason why, in words
 * @param publishedAt when Kafka acknowledged the DrEvent of this revision; null while pending or when this revision
 *        publishes nothing
 */
public record EventView(String eventId, String vtnId, String vtnEventId, long modificationNumber, String status,
        String optType, int responseCode, String reason, String marketContext, Instant start, Instant end,
        Double peakReductionKw, Instant receivedAt, Instant publishedAt) {
}
