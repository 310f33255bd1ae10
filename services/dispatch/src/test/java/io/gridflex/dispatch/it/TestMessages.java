package io.gridflex.dispatch.it;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.gridflex.messages.CommandAck;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;

/** Builds the JSON other services would put on the topics, through the same codec they use. */
public final class TestMessages {

    private static final MessageCodec CODEC = new MessageCodec();

    private TestMessages() {
    }

    public static String uniqueSite(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String uniqueEventId() {
        return "it-vtn/" + UUID.randomUUID();
    }

    /** Telemetry for an interval ending now, so the site is fresh. */
    public static String telemetry(String siteId, double sheddableKw) {
        return telemetryEnding(siteId, sheddableKw, now());
    }

    public static String telemetryEnding(String siteId, double sheddableKw, Instant end) {
        return CODEC.encode(new SiteTelemetry(siteId, end.minusSeconds(10), end, sheddableKw + 50,
                (sheddableKw + 50) * 10 / 3600.0, sheddableKw, sheddableKw * 2, 20, 20, null));
    }

    /** An event starting in ten minutes, with one 15-minute interval per reduction. */
    public static DrEvent event(String eventId, long modificationNumber, EventStatus status, boolean test,
            double... reductionsKw) {
        return eventStarting(eventId, modificationNumber, status, test, now().plus(Duration.ofMinutes(10)),
                reductionsKw);
    }

    public static DrEvent eventStarting(String eventId, long modificationNumber, EventStatus status, boolean test,
            Instant start, double... reductionsKw) {
        List<DrInterval> intervals = new ArrayList<>();
        Instant at = start;
        for (double kw : reductionsKw) {
            intervals.add(new DrInterval(at, at.plus(Duration.ofMinutes(15)), kw));
            at = at.plus(Duration.ofMinutes(15));
        }
        String vtnEventId = eventId.substring(eventId.indexOf('/') + 1);
        return new DrEvent(eventId, "it-vtn", vtnEventId, modificationNumber, "http://market.example/dr", status,
                start, at, intervals, 0, test, now());
    }

    public static String json(Object message) {
        return CODEC.encode(message);
    }

    public static String ack(String commandId, String siteId, String eventId, CommandAck.Status status) {
        return CODEC.encode(new CommandAck(commandId, siteId, eventId, status, 0, null, now()));
    }

    public static MessageCodec codec() {
        return CODEC;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
