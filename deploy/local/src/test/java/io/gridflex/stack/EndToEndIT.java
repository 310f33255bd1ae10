package io.gridflex.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole platform, end to end, on real PostgreSQL, Kafka and Keycloak and every packaged service: a utility's
 * LOAD_DISPATCH event, then a second one overlapping it, become one schedule per simulated mining site; the sites shed
 * and restore; and settlement's delivered energy for each event matches what the miners' own counters say they
 * stopped drawing, shared between the events by the kW dispatch asked of each site for each. Then a third event runs
 * while the sites' link to Kafka is down from before it starts until after they have restored, and settlement's
 * figures for it, complete only once the agents have replayed what they kept on disk, match the miners just as well.
 * Last, an event with start randomization is lowered before it starts, raised while it runs and cancelled long
 * before its end, and the sites' draw follows each change (each site starting within the randomization); and a
 * SIMPLE event (level 2, no kW) is allocated as the program's share of the enrolled capacity and carried out at its
 * time. Any step that does not happen is a failure of the report.
 */
class EndToEndIT {

    private static LocalStack stack;
    private static final Narrator NARRATOR = new Narrator(System.out);

    @BeforeAll
    static void startStack() {
        Path runDir = Path.of("target", "e2e-run").toAbsolutePath();
        // A 20 s baseline and 30 s events (the demo's are 30 s and 45 s) keep the run short; each event still sheds
        // well over the 0.3 kWh the settled figures are compared on.
        stack = LocalStack.start(
                StackOptions.defaults(runDir).withRandomPorts().withBaselineWindow(Duration.ofSeconds(20)),
                NARRATOR);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void overlappingEventsAndAnEventRunOfflineAreShedAndEachIsSettledAsTheMinersMeasuredIt() {
        double requestedKw = 100;

        DemoReport report = new DemoScenario(stack, NARRATOR).run(requestedKw, Duration.ofSeconds(30));

        assertThat(report.failures()).isEmpty();
        assertThat(report.optInLatency()).isNotNull();
        assertThat(report.events()).hasSize(3);
        DemoReport.EventFigures first = report.events().get(0);
        DemoReport.EventFigures second = report.events().get(1);
        DemoReport.EventFigures offline = report.events().get(2);
        assertThat(first.allocatedTotalKw()).isCloseTo(requestedKw, within(0.5));
        assertThat(second.allocatedTotalKw()).isCloseTo(requestedKw * DemoScenario.SECOND_EVENT_SHARE, within(0.5));
        // The first site in merit order is full with the first event, so the second event goes to the other site.
        assertThat(first.allocatedKw()).containsOnlyKeys(LocalStack.SITES);
        assertThat(second.allocatedKw()).containsOnlyKeys(LocalStack.SITES.get(1));
        assertThat(offline.allocatedTotalKw()).isCloseTo(requestedKw, within(0.5));
        assertThat(report.shedLatency()).containsOnlyKeys(LocalStack.SITES);
        for (DemoReport.EventFigures event : report.events()) {
            assertThat(event.trueTotalKwh()).as(event.eventId()).isGreaterThan(0.3);
            assertThat(event.settledKwh()).as(event.eventId()).containsOnlyKeys(event.trueKwh().keySet());
            assertThat(event.settledTotalKwh()).as(event.eventId()).isCloseTo(event.trueTotalKwh(),
                    within(DemoScenario.AGREEMENT_TOLERANCE * event.trueTotalKwh()));
        }
    }
}
