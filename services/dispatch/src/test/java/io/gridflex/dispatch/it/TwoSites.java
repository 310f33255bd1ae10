package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.unique;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.gridflex.messages.Topics;
import io.gridflex.testsupport.TestKafka;

/**
 * A fresh program with two registered sites enrolled in it, {@code first} ahead of {@code second} in merit order
 * (priority 1 and 2), each mining 1,000 kW; registered through the operator API and reporting through Kafka.
 *
 * @param program the program
 * @param first the site dispatched first
 * @param second the site dispatched second
 */
record TwoSites(String program, String first, String second) {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * @param enrolledKw what each site is enrolled with (also its registered maximum)
     * @param firstSheddableKw what the first site reports it could shed
     * @param secondSheddableKw what the second site reports it could shed
     * @param kafka where they report; null when the test reports for them itself
     */
    static TwoSites register(double enrolledKw, double firstSheddableKw, double secondSheddableKw,
            TestKafka kafka) {
        TwoSites fleet = new TwoSites(unique("program"), "a-" + unique("first"), "b-" + unique("second"));
        Operator.program(fleet.program());
        Operator.site(fleet.first(), fleet.program(), enrolledKw, enrolledKw, 1);
        Operator.site(fleet.second(), fleet.program(), enrolledKw, enrolledKw, 2);
        if (kafka != null) {
            kafka.send(Topics.siteTelemetry(fleet.first()), fleet.first(),
                    telemetry(fleet.first(), 1000, firstSheddableKw, 0));
            kafka.send(Topics.siteTelemetry(fleet.second()), fleet.second(),
                    telemetry(fleet.second(), 1000, secondSheddableKw,
                            0));
            fleet.awaitFresh();
        }
        return fleet;
    }

    /** Waits until dispatch counts both sites as reporting recently. */
    void awaitFresh() {
        await().atMost(WAIT).until(() -> fresh(first) && fresh(second));
    }

    static boolean fresh(String siteId) {
        return Operator.operator().get("/api/sites/" + siteId).then().extract().jsonPath().getBoolean("fresh");
    }
}
