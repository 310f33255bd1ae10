package io.gridflex.gateway.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.gridflex.gateway.support.VtnXml;
import io.gridflex.openadr.DispatchInterval;
import io.gridflex.openadr.LoadDispatchEvent;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType.OadrEvent;
import io.gridflex.openadr.model.power.PowerRealType;

/** Events built with the model's own builders, and the captured third-party samples, for validation tests. */
final class EventFixtures {

    static final String VTN = "VTN-1";
    private static final OpenAdrXml XML = new OpenAdrXml();
    static final String VEN = "ven-1";
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final Instant START = Instant.parse("2026-11-21T13:00:00Z");

    private EventFixtures() {
    }

    /** A LOAD_DISPATCH delta event in MW for {@link #VEN}, starting at {@link #START}. */
    static OadrEvent dispatch(String eventId, long modification, DispatchInterval... intervals) {
        return OadrMessages.loadDispatchEvent(new LoadDispatchEvent(eventId, modification, "oadr://gridflex.io/test",
                NOW, EventStatusEnumeratedType.FAR, START, List.of(intervals), List.of(VEN), true));
    }

    static DispatchInterval mw(Duration duration, double deltaMegawatts) {
        return new DispatchInterval(duration, deltaMegawatts);
    }

    static EiEventSignalType signal(OadrEvent event) {
        return event.getEiEvent().getEiEventSignals().getEiEventSignal().getFirst();
    }

    static PowerRealType unit(OadrEvent event) {
        return (PowerRealType) signal(event).getItemBase().getValue();
    }

    static final String PROGRAM = "fast-dr";

    static ValidationRules rules() {
        return rules(Set.of());
    }

    static ValidationRules rules(Set<String> acceptedGroups) {
        return rules(acceptedGroups, Set.of());
    }

    static ValidationRules rules(Set<String> acceptedGroups, Set<String> marketContexts) {
        return rules(new Audience(acceptedGroups, Set.of()), marketContexts);
    }

    static ValidationRules rules(Audience audience, Set<String> marketContexts) {
        return new ValidationRules(PROGRAM, VEN, audience, marketContexts, Duration.ofHours(4),
                Duration.ofHours(4),
                Duration.ofDays(30));
    }

    /** One event written as a third-party VTN writes it, read back through the gateway's own codec. */
    static OadrEvent fromVtn(VtnXml.Event event) {
        return distribute(XML.unmarshal(VtnXml.distribute("req-1", VTN, event))).getOadrEvent().getFirst();
    }

    /** A file of the captured OpenADR samples kept next to the repository (never copied into it). */
    static String sample(String name) {
        String root = System.getProperty("gridflex.root");
        if (root == null) {
            throw new AssertionError("system property gridflex.root is not set; run the tests through Maven");
        }
        Path file = Path.of(root).resolve("../shared/openadr-samples").resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("OpenADR sample missing: " + file
                    + " (the captured samples live in shared/openadr-samples beside the repository)");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    static OadrDistributeEventType distribute(io.gridflex.openadr.model.oadr.OadrPayload payload) {
        return (OadrDistributeEventType) OadrMessages.body(payload);
    }
}
