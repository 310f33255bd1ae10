package io.gridflex.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.gridflex.dispatch.schedule.ScheduleComposer;
import io.gridflex.dispatch.schedule.SitePiece;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleSegment.Kind;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.SiteTelemetry;

/**
 * The Kafka message codec ({@link MessageCodec}): JSON encoding, and decoding with JSON-Schema validation, of the
 * three messages the services exchange most: a DR event (ven-gateway to dispatch and settlement), a site's schedule
 * (dispatch to the site's agent and settlement, one per site and change) and site telemetry (every site agent, every
 * few seconds, to dispatch and settlement).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MessageCodecBenchmark {

    static final String EVENT_ID = "vtn-1/evt-2026-11-21-01";
    static final String SITE_ID = "site-a";

    private static final Instant START = Instant.parse("2026-11-21T18:00:00Z");

    /**
     * Realistic because it is what ven-gateway publishes for the OpenADR event of {@link OpenAdrCodecBenchmark}: one
     * hour in four 15 min intervals, reductions in kW, for the program of the VTN connection, addressed to one
     * resource and one group, with two minutes of start randomization.
     */
    static DrEvent drEvent() {
        List<DrInterval> intervals = List.of(
                new DrInterval(START, START.plusSeconds(900), new BigDecimal("2000.0")),
                new DrInterval(START.plusSeconds(900), START.plusSeconds(1800), new BigDecimal("2500.0")),
                new DrInterval(START.plusSeconds(1800), START.plusSeconds(2700), new BigDecimal("2500.0")),
                new DrInterval(START.plusSeconds(2700), START.plusSeconds(3600), new BigDecimal("1500.0")));
        return new DrEvent(EVENT_ID, "vtn-1", "evt-2026-11-21-01", 0, "ercot-ers", "oadr://gridflex.io/dispatch",
                DrEvent.EventStatus.FAR, START, START.plusSeconds(3600), DrEvent.Signal.REDUCTION_KW, null, intervals,
                new DrEvent.Targets(List.of("ven-site-a"), List.of("texas-north")), 120, 0, false,
                Instant.parse("2026-11-21T17:40:00.412Z"));
    }

    /**
     * Realistic because it is what dispatch composes ({@link ScheduleComposer}, the code dispatch runs) for a site that
     * is busy on an ordinary evening: this event in four intervals with changing kW, a second program's event
     * overlapping its second half, an import cap from a third, an operator's shed override, and tomorrow's event
     * already announced: 8 segments with 11 contributions (2.1 kB of JSON). A site holding one event of one
     * interval gets a schedule of about 0.3 kB; the bound is 1,000 segments.
     */
    static SiteSchedule siteSchedule() {
        Instant t = START;
        List<SitePiece> pieces = List.of(
                piece(EVENT_ID, "ercot-ers", Kind.EVENT, t, 15, 900),
                piece(EVENT_ID, "ercot-ers", Kind.EVENT, t.plusSeconds(900), 30, 1100),
                piece(EVENT_ID, "ercot-ers", Kind.EVENT, t.plusSeconds(2700), 15, 600),
                piece("vtn-2/evt-88121", "oncor-cr", Kind.EVENT, t.plusSeconds(1800), 60, 364),
                new SitePiece("vtn-3/evt-4410", "ercot-4cp", Kind.EVENT, SITE_ID, t.plusSeconds(3600),
                        t.plusSeconds(5400), 250, 1500L),
                piece("operator/override-17", null, Kind.OVERRIDE, t.plusSeconds(5400), 30, 300),
                piece("vtn-1/evt-2026-11-22-01", "ercot-ers", Kind.EVENT, t.plusSeconds(20 * 3600), 60, 1200),
                piece("vtn-1/evt-2026-11-22-01", "ercot-ers", Kind.EVENT, t.plusSeconds(21 * 3600), 60, 800));
        Instant issuedAt = Instant.parse("2026-11-21T17:40:00.518Z");
        return new SiteSchedule(SITE_ID, 12, issuedAt, ScheduleComposer.compose(pieces, issuedAt));
    }

    private static SitePiece piece(String eventId, String program, Kind kind, Instant start, int minutes,
            long deciKw) {
        return new SitePiece(eventId, program, kind, SITE_ID, start, start.plusSeconds(minutes * 60L), deciKw, null);
    }

    /**
     * Realistic because it is one 2 s report of a demo site (40 miners of ~3 kW) during a shed: 3 miners still
     * hashing, the rest asleep as the schedule asks, fractional kW and kWh as the agent computes them.
     */
    static SiteTelemetry siteTelemetry() {
        return new SiteTelemetry(SITE_ID, START.plusSeconds(600), START.plusSeconds(602), 10.2, 0.005667, 10.2, null,
                9.0, 110.4, 110.0, 150.0, new SiteTelemetry.MinerCounts(40, 3, 37, 0, 0), 420.0, 21.5, 12L,
                SiteTelemetry.Source.MINERS, 1.0);
    }

    /** One codec (as each service holds), the three messages, and their JSON as read from Kafka. */
    @State(Scope.Benchmark)
    public static class Messages {

        MessageCodec codec;
        DrEvent event;
        SiteSchedule schedule;
        SiteTelemetry telemetry;
        String eventJson;
        String scheduleJson;
        String telemetryJson;

        @Setup
        public void setUp() {
            codec = new MessageCodec();
            event = drEvent();
            schedule = siteSchedule();
            telemetry = siteTelemetry();
            eventJson = codec.encode(event);
            scheduleJson = codec.encode(schedule);
            telemetryJson = codec.encode(telemetry);
        }
    }

    @Benchmark
    public String encodeDrEvent(Messages m) {
        return m.codec.encode(m.event);
    }

    @Benchmark
    public DrEvent decodeAndValidateDrEvent(Messages m) {
        return m.codec.decode(DrEvent.class, m.eventJson);
    }

    @Benchmark
    public String encodeSiteSchedule(Messages m) {
        return m.codec.encode(m.schedule);
    }

    @Benchmark
    public SiteSchedule decodeAndValidateSiteSchedule(Messages m) {
        return m.codec.decode(SiteSchedule.class, m.scheduleJson);
    }

    @Benchmark
    public String encodeSiteTelemetry(Messages m) {
        return m.codec.encode(m.telemetry);
    }

    @Benchmark
    public SiteTelemetry decodeAndValidateSiteTelemetry(Messages m) {
        return m.codec.decode(SiteTelemetry.class, m.telemetryJson);
    }
}
