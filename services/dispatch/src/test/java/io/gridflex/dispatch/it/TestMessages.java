package io.gridflex.dispatch.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.SiteTelemetry;

/** Builds the JSON other services would put on the topics, through the same codec they use. */
public final class TestMessages {

    private static final MessageCodec CODEC = new MessageCodec();

    private TestMessages() {
    }

    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String uniqueEventId() {
        return "it-vtn/" + UUID.randomUUID();
    }

    /**
     * Telemetry for an interval ending now: the site mines {@code miningKw}, of which {@code sheddableKw} more could be
     * stopped, and holds {@code shedKw} off.
     */
    public static String telemetry(String siteId, double miningKw, double sheddableKw, double shedKw) {
        Instant end = now();
        return CODEC.encode(new SiteTelemetry(siteId, end.minusSeconds(2), end, miningKw, miningKw * 2 / 3600.0,
                miningKw, null, sheddableKw, shedKw, shedKw, 1000, new SiteTelemetry.MinerCounts(20, 18, 2, 0, 0),
                2000.0, 24.0, null, SiteTelemetry.Source.MINERS, 1));
    }

    /** An event of the program, one interval per value of {@code minutes} minutes each, from {@code start}. */
    public static DrEvent event(String eventId, String program, long modification, EventStatus status,
            DrEvent.Signal signal, Instant start, int minutes, double... values) {
        List<DrInterval> intervals = new ArrayList<>();
        Instant at = start;
        for (double value : values) {
            intervals.add(new DrInterval(at, at.plus(Duration.ofMinutes(minutes)), BigDecimal.valueOf(value)));
            at = at.plus(Duration.ofMinutes(minutes));
        }
        String vtnEventId = eventId.substring(eventId.indexOf('/') + 1);
        return new DrEvent(eventId, "it-vtn", vtnEventId, modification, program, "http://market.example/dr", status,
                start, at, signal, signal == DrEvent.Signal.PRICE ? "USD" : null, intervals, DrEvent.Targets.all(),
                0, 0, false, now());
    }

    /** A kW reduction event of the program. */
    public static DrEvent reduction(String eventId, String program, long modification, Instant start, int minutes,
            double... kw) {
        return event(eventId, program, modification, EventStatus.FAR, DrEvent.Signal.REDUCTION_KW, start, minutes,
                kw);
    }

    public static DrEvent withStatus(DrEvent e, long modification, EventStatus status) {
        return new DrEvent(e.eventId(), e.vtnId(), e.vtnEventId(), modification, e.program(), e.marketContext(),
                status, e.start(), e.end(), e.signal(), e.currency(), e.intervals(), e.targets(),
                e.startAfterSeconds(), e.priority(), e.testEvent(), now());
    }

    public static DrEvent withIntervals(DrEvent e, long modification, List<DrInterval> intervals) {
        return new DrEvent(e.eventId(), e.vtnId(), e.vtnEventId(), modification, e.program(), e.marketContext(),
                e.status(), intervals.getFirst().start(), intervals.getLast().end(), e.signal(), e.currency(),
                intervals, e.targets(), e.startAfterSeconds(), e.priority(), e.testEvent(), now());
    }

    public static String accepted(String siteId, long revision) {
        return CODEC.encode(new ScheduleAck(siteId, revision, null, null, ScheduleAck.Status.ACCEPTED, 0, 0,
                List.of(), null, now()));
    }

    public static String json(Object message) {
        return CODEC.encode(message);
    }

    public static MessageCodec codec() {
        return CODEC;
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
