package io.gridflex.bench;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.gridflex.openadr.DispatchInterval;
import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.LoadDispatchEvent;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * Issue 6's requirement, measured as one operation: an oadrDistributeEvent carrying 10 events arrives as text, is
 * parsed, schema-checked and bound by {@link OpenAdrXml#unmarshal(String)} (what ven-gateway's poll and push do on an
 * unsigned program: the reader made for distributions, which falls back to the general validating reader for
 * anything it cannot vouch for), and the oadrCreatedEvent answering all 10 is built with the same
 * {@link OadrMessages#createdEvent} builder the gateway uses and written by {@link OpenAdrXml#marshal} (directly, the
 * characters JAXB would write). The target is 5,000 per second on one core.
 * <p>
 * Throughput on one thread. The warm-up is long on purpose: on the build machine C2 keeps compiling the XML stack
 * for about 35 s, so a few one-second warm-up iterations mostly measure the JIT, not the codec.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 8, time = 5)
@Measurement(iterations = 5, time = 5)
public class DistributeEventRoundBenchmark {

    static final int EVENTS = 10;
    static final String VEN_ID = "ven-site-a";

    /**
     * Ten events as a VTN with a busy day would send them: each a LOAD_DISPATCH of one to two hours in 15 min
     * intervals (four to eight of them, a ramp down, holds, a ramp back), for three VENs, at different modification
     * numbers and statuses (~40 kB of XML).
     */
    static OadrPayload distributeEvent() {
        Instant created = Instant.parse("2026-11-21T07:40:00Z");
        List<OadrDistributeEventType.OadrEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            List<DispatchInterval> intervals = new ArrayList<>();
            int count = 4 + i % 5;
            for (int k = 0; k < count; k++) {
                double mw = k == 0 || k == count - 1 ? -1.0 - 0.25 * i : -2.0 - 0.1 * k;
                intervals.add(new DispatchInterval(Duration.ofMinutes(15), mw));
            }
            Instant start = Instant.parse("2026-11-21T08:00:00Z").plus(Duration.ofHours(i));
            events.add(OadrMessages.loadDispatchEvent(new LoadDispatchEvent("evt-2026-11-21-%02d".formatted(i + 1),
                    i % 3, "oadr://gridflex.io/dispatch", created,
                    i == 0 ? EventStatusEnumeratedType.ACTIVE : EventStatusEnumeratedType.FAR, start, intervals,
                    List.of(VEN_ID, "ven-site-b", "ven-site-c"), true)));
        }
        return OadrMessages.distributeEvent("req-8121", "VTN-UTILITY-1", events);
    }

    /** One codec built once, as the gateway does at start, and the event as received XML. */
    @State(Scope.Benchmark)
    public static class Received {

        /**
         * {@code compact}: no whitespace between elements, as VTNs send it (every distribution in the captured
         * third-party messages is one line, and {@link OpenAdrXml#marshal} writes it so); {@code indented}: four
         * spaces per level, as it was written before (74 kB instead of 31 kB).
         */
        @Param({"compact", "indented"})
        String layout;

        OpenAdrXml xml;
        String text;

        @Setup
        public void setUp() throws TransformerException {
            xml = new OpenAdrXml();
            String compact = xml.marshal(distributeEvent());
            text = "compact".equals(layout) ? compact : indent(compact);
        }

        private static String indent(String compact) throws TransformerException {
            Transformer indenting = TransformerFactory.newDefaultInstance().newTransformer();
            indenting.setOutputProperty(OutputKeys.INDENT, "yes");
            indenting.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "4");
            StringWriter out = new StringWriter();
            indenting.transform(new StreamSource(new StringReader(compact)), new StreamResult(out));
            return out.toString();
        }
    }

    /** Receive the 10 events, opt in to each, send the answer: the text that goes back to the VTN. */
    @Benchmark
    public String receiveAndAnswer(Received received) {
        OadrPayload payload = received.xml.unmarshal(received.text);
        OadrDistributeEventType distribute = (OadrDistributeEventType) OadrMessages.body(payload);
        List<EventReply> replies = new ArrayList<>(distribute.getOadrEvent().size());
        for (OadrDistributeEventType.OadrEvent event : distribute.getOadrEvent()) {
            var descriptor = event.getEiEvent().getEventDescriptor();
            replies.add(EventReply.optIn(descriptor.getEventID(), descriptor.getModificationNumber()));
        }
        return received.xml
                .marshal(OadrMessages.createdEvent(VEN_ID, distribute.getRequestID(), replies));
    }
}
