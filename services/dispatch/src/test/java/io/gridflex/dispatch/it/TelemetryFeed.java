package io.gridflex.dispatch.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.gridflex.messages.Topics;
import io.gridflex.testsupport.TestKafka;

/**
 * Sites' agents as far as dispatch can tell: every half second each site reports what it holds off, as the test sets
 * it. A site removed from the feed falls silent.
 */
final class TelemetryFeed implements AutoCloseable {

    private final TestKafka kafka;
    private final Map<String, double[]> sites = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    TelemetryFeed(TestKafka kafka) {
        this.kafka = kafka;
        executor.scheduleAtFixedRate(this::report, 0, 500, TimeUnit.MILLISECONDS);
    }

    /** The site mines {@code miningKw} and could stop {@code sheddableKw} more than the {@code shedKw} it holds. */
    void report(String siteId, double miningKw, double sheddableKw, double shedKw) {
        sites.put(siteId, new double[]{miningKw, sheddableKw, shedKw});
    }

    void silence(String siteId) {
        sites.remove(siteId);
    }

    private void report() {
        sites.forEach((site, f) -> kafka.send(Topics.siteTelemetry(site), site, TestMessages.telemetry(site, f[0], f[1],
                f[2])));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
