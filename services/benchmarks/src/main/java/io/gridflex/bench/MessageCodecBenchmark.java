package io.gridflex.bench;

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

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.SiteTelemetry;

/**
 * The Kafka message codec ({@link MessageCodec}): JSON encoding, and decoding with JSON-Schema validation, of the
 * two messages the services exchange most: a DR event (ven-gateway to dispatch and settlement) and site telemetry
 * (every site agent, every few seconds, to dispatch and settlement).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MessageCodecBenchmark {

    static final String EVENT_ID = "vtn-1/evt-2026-11-21-01";

    private static final Instant START = Instant.parse("2026-11-21T18:00:00Z");

    /**
     * Realistic because it is what ven-gateway publishes for the OpenADR event of {@link OpenAdrCodecBenchmark}: one
     * hour in four 15 min intervals, reductions in kW.
     */
    static DrEvent drEvent() {
        List<DrInterval> intervals = List.of(
                new DrInterval(START, START.plusSeconds(900), 2000.0),
                new DrInterval(START.plusSeconds(900), START.plusSeconds(1800), 2500.0),
                new DrInterval(START.plusSeconds(1800), START.plusSeconds(2700), 2500.0),
                new DrInterval(START.plusSeconds(2700), START.plusSeconds(3600), 1500.0));
        return new DrEvent(EVENT_ID, "vtn-1", "evt-2026-11-21-01", 0, "oadr://gridflex.io/dispatch",
                DrEvent.EventStatus.FAR, START, START.plusSeconds(3600), intervals, 0, false,
                Instant.parse("2026-11-21T17:40:00.412Z"));
    }

    /**
     * Realistic because it is one 2 s report of a demo site (40 miners of ~3 kW) during a shed: 3 miners still
     * hashing, the command that put the others to sleep active, fractional kW and kWh as the agent computes them.
     */
    static SiteTelemetry siteTelemetry() {
        return new SiteTelemetry("site-a", START.plusSeconds(600), START.plusSeconds(602), 10.2, 0.005667, 9.0,
                150.0, 40, 3, SiteCommand.commandId(EVENT_ID, 0, "site-a"));
    }

    /** One codec (as each service holds), the two messages, and their JSON as read from Kafka. */
    @State(Scope.Benchmark)
    public static class Messages {

        MessageCodec codec;
        DrEvent event;
        SiteTelemetry telemetry;
        String eventJson;
        String telemetryJson;

        @Setup
        public void setUp() {
            codec = new MessageCodec();
            event = drEvent();
            telemetry = siteTelemetry();
            eventJson = codec.encode(event);
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
    public String encodeSiteTelemetry(Messages m) {
        return m.codec.encode(m.telemetry);
    }

    @Benchmark
    public SiteTelemetry decodeAndValidateSiteTelemetry(Messages m) {
        return m.codec.decode(SiteTelemetry.class, m.telemetryJson);
    }
}
