package io.gridflex.gateway.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An event as the gateway last handled it, for GET /api/events.
 *
 * @param program the program whose VTN sent it (null for events stored before the gateway knew programs)
 * @param status the event status the VTN last stated (NONE, FAR, NEAR, ACTIVE, COMPLETED, CANCELLED)
 * @param optType optIn or optOut, as answered to the VTN
 * @param responseCode the code of that answer (200, or why we opted out)
 * @param reason why, in words
 * @param signal what the event's values mean (REDUCTION_KW, IMPORT_CAP_KW, ..., PRICE); null when the revision could
 *        not be read that far
 * @param peakValue the largest interval value, read as {@code signal} says (kW, percent, fraction, level, price per
 *        MWh)
 * @param currency the ISO 4217 code of a PRICE signal, else null
 * @param publishedAt when Kafka acknowledged the DrEvent of this revision; null while pending or when this revision
 *        publishes nothing
 */
public record EventView(String eventId, String program, String vtnId, String vtnEventId, long modificationNumber,
        String status,
        String optType, int responseCode, String reason, String marketContext, Instant start, Instant end,
        String signal, BigDecimal peakValue, String currency, Instant receivedAt, Instant publishedAt) {
}
