package io.gridflex.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ground truth: reads the simulated miners' own exact energy counters every few hundred milliseconds, so the demo
 * can say what the sites really stopped drawing, independently of what the agents metered and settlement computed.
 */
final class EnergySampler implements AutoCloseable {

    private final JsonHttp http;
    private final String minerSimulatorUrl;
    private final List<String> sites;
    private final Map<String, NavigableMap<Instant, Sample>> samples = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    record Sample(Instant at, double energyKwh, double powerKw) {
    }

    EnergySampler(JsonHttp http, String minerSimulatorUrl, List<String> sites) {
        this.http = http;
        this.minerSimulatorUrl = minerSimulatorUrl;
        this.sites = sites;
        sites.forEach(site -> samples.put(site, new java.util.concurrent.ConcurrentSkipListMap<>()));
        this.thread = Thread.ofVirtual().name("energy-sampler").start(this::loop);
    }

    private void loop() {
        try {
            while (running) {
                for (String site : sites) {
                    read(site).ifPresent(sample -> samples.get(site).put(sample.at(), sample));
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            // closed: stop sampling
        } catch (RuntimeException e) {
            if (running) {
                throw e;
            }
        }
    }

    /** The site's draw right now, from the simulator. */
    Optional<Sample> read(String site) {
        Instant before = Instant.now();
        Optional<JsonNode> fleet = http.get(minerSimulatorUrl + "/api/fleets/" + site, null);
        Instant after = Instant.now();
        Instant at = before.plus(Duration.between(before, after).dividedBy(2));
        return fleet.map(node -> new Sample(at, node.path("energyKwh").asDouble(), node.path("powerKw").asDouble()));
    }

    /** Energy counter of the site at {@code at}, interpolated between the two nearest samples. */
    double energyAt(String site, Instant at) {
        NavigableMap<Instant, Sample> series = samples.get(site);
        Map.Entry<Instant, Sample> floor = series.floorEntry(at);
        Map.Entry<Instant, Sample> ceiling = series.ceilingEntry(at);
        if (floor == null || ceiling == null) {
            throw new IllegalStateException("no samples around " + at + " for " + site);
        }
        if (floor.getKey().equals(ceiling.getKey())) {
            return floor.getValue().energyKwh();
        }
        double span = Duration.between(floor.getKey(), ceiling.getKey()).toNanos();
        double part = Duration.between(floor.getKey(), at).toNanos();
        return floor.getValue().energyKwh()
                + (ceiling.getValue().energyKwh() - floor.getValue().energyKwh()) * part / span;
    }

    /** Mean draw over [from, to) from the energy counters. */
    double averageKw(String site, Instant from, Instant to) {
        double hours = Duration.between(from, to).toMillis() / 3_600_000.0;
        return (energyAt(site, to) - energyAt(site, from)) / hours;
    }

    /** The first sample at or after {@code from} whose power satisfies the condition. */
    Optional<Sample> firstWhere(String site, Instant from, java.util.function.DoublePredicate powerKw) {
        return new ArrayList<>(samples.get(site).tailMap(from, true).values()).stream()
                .filter(s -> powerKw.test(s.powerKw())).findFirst();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
