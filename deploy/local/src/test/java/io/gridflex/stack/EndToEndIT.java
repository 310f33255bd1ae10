package io.gridflex.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thin slice, end to end, on real PostgreSQL, Kafka and Keycloak and every packaged service: a utility's
 * LOAD_DISPATCH event becomes a shed at two simulated mining sites, and settlement's delivered energy matches what
 * the miners' own counters say they stopped drawing.
 */
class EndToEndIT {

    private static LocalStack stack;
    private static final Narrator NARRATOR = new Narrator(System.out);

    @BeforeAll
    static void startStack() {
        Path runDir = Path.of("target", "e2e-run").toAbsolutePath();
        stack = LocalStack.start(StackOptions.defaults(runDir).withRandomPorts(), NARRATOR);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aUtilityEventIsShedAtBothSitesAndSettledAsTheMinersMeasuredIt() {
        double requestedKw = 100;

        DemoReport report = new DemoScenario(stack, NARRATOR).run(requestedKw, Duration.ofSeconds(40));

        assertThat(report.failures()).isEmpty();
        assertThat(report.optInLatency()).isNotNull();
        assertThat(report.allocatedKw()).containsOnlyKeys(LocalStack.SITES);
        assertThat(report.allocatedKw().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(requestedKw, within(0.5));
        assertThat(report.shedLatency()).containsOnlyKeys(LocalStack.SITES);
        // Roughly 100 kW for 40 s is about 1.1 kWh; both sides must see a real reduction, and agree.
        assertThat(report.trueTotalKwh()).isGreaterThan(0.8);
        assertThat(report.settledTotalKwh())
                .isCloseTo(report.trueTotalKwh(), within(DemoScenario.AGREEMENT_TOLERANCE * report.trueTotalKwh()));
    }
}
