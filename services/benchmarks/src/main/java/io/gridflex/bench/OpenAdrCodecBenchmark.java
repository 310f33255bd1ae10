package io.gridflex.bench;

import java.time.Duration;
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

import io.gridflex.openadr.DispatchInterval;
import io.gridflex.openadr.LoadDispatchEvent;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * The hardened OpenADR 2.0b codec ({@link OpenAdrXml}) on the message that matters most: the oadrDistributeEvent a
 * VTN answers a poll with, which ven-gateway parses on every poll and vtn-simulator writes. Both directions validate
 * against the schema, so the figures include validation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OpenAdrCodecBenchmark {

    static final String EVENT_ID = "evt-2026-11-21-01";

    /**
     * Realistic because it is the shape of a real dispatch: one LOAD_DISPATCH event of one hour in four 15 min
     * intervals (a ramp down, a hold, a ramp back) for the two VENs of a small portfolio, built with the same
     * {@link OadrMessages} builders the VTN simulator uses, so the XML is what crosses the wire in the demo (~5 kB).
     */
    static OadrPayload distributeEvent() {
        Instant created = Instant.parse("2026-11-21T17:40:00Z");
        Instant start = Instant.parse("2026-11-21T18:00:00Z");
        LoadDispatchEvent event = new LoadDispatchEvent(EVENT_ID, 0, "oadr://gridflex.io/dispatch", created,
                EventStatusEnumeratedType.FAR, start,
                List.of(new DispatchInterval(Duration.ofMinutes(15), -2.0),
                        new DispatchInterval(Duration.ofMinutes(15), -2.5),
                        new DispatchInterval(Duration.ofMinutes(15), -2.5),
                        new DispatchInterval(Duration.ofMinutes(15), -1.5)),
                List.of("ven-site-a", "ven-site-b"), true);
        return OadrMessages.distributeEvent("req-8121", "VTN-UTILITY-1", event);
    }

    /** One codec built once, as each service does at start, and the event as an object and as received XML. */
    @State(Scope.Benchmark)
    public static class Codec {

        OpenAdrXml xml;
        OadrPayload payload;
        String received;

        @Setup
        public void setUp() {
            xml = new OpenAdrXml();
            payload = distributeEvent();
            received = xml.marshal(payload);
        }
    }

    /** Object to XML text, schema-validated on the way out (what the VTN simulator does per poll answer). */
    @Benchmark
    public String marshalDistributeEvent(Codec codec) {
        return codec.xml.marshal(codec.payload);
    }

    /** XML text to object: hardened parse, root check, schema validation, JAXB binding (what ven-gateway does). */
    @Benchmark
    public OadrPayload unmarshalAndValidateDistributeEvent(Codec codec) {
        return codec.xml.unmarshal(codec.received);
    }

    /**
     * Building the codec (JAXB context over the whole generated model plus compiling the XSDs) in a JVM that has
     * never loaded any of it: what a service pays once at start. One shot per fork, no warm-up, several fresh forks,
     * so each sample is a cold start. It deliberately uses no {@link Codec} state, which would load it all first.
     * Command-line -f/-wi/-i override these annotations; deploy/local/bench.sh runs it separately for that reason.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(5)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public OpenAdrXml codecStartUp() {
        return new OpenAdrXml();
    }
}
