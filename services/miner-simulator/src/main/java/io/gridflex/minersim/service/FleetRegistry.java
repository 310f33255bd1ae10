package io.gridflex.minersim.service;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.minersim.fleet.SimulatedFleet;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** Starts the configured fleets when the application starts and stops them with it. */
@ApplicationScoped
public class FleetRegistry {

    private static final Logger LOG = Logger.getLogger(FleetRegistry.class);

    private final MinerSimConfig config;
    private final MeterRegistry meters;
    private final Map<String, SimulatedFleet> fleets = Collections.synchronizedMap(new TreeMap<>());

    public FleetRegistry(MinerSimConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            config.fleets().forEach(this::startFleet);
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
    }

    private void startFleet(String siteId, MinerSimConfig.Fleet spec) {
        SimulatedFleet.Builder builder = SimulatedFleet.builder(siteId)
                .model(spec.model())
                .count(spec.count())
                .host(config.host())
                .firstPort(spec.firstPort())
                .warmUp(spec.warmUp())
                .sleepRamp(spec.sleepRamp())
                .noise(spec.noise())
                .seed(spec.seed())
                .initiallySleeping(spec.initiallySleeping())
                .readTimeout(config.readTimeout())
                .maxRequestBytes(config.maxRequestBytes());
        spec.ports().ifPresent(builder::ports);
        SimulatedFleet fleet = builder.start();
        fleets.put(siteId, fleet);
        Gauge.builder("gridflex.minersim.site.power", fleet, f -> f.powerW() / 1000.0)
                .description("Draw of all simulated miners of a site")
                .baseUnit("kW")
                .tag("site", siteId)
                .register(meters);
        FunctionCounter.builder("gridflex.minersim.site.energy", fleet, f -> f.energyWh() / 1000.0)
                .description("Exact energy drawn by all simulated miners of a site since start")
                .baseUnit("kWh")
                .tag("site", siteId)
                .register(meters);
        LOG.infof("site %s: %d simulated %s miners at %s", siteId, fleet.miners().size(), spec.model(),
                fleet.endpoints());
    }

    public Optional<SimulatedFleet> fleet(String siteId) {
        return Optional.ofNullable(fleets.get(siteId));
    }

    public Collection<SimulatedFleet> fleets() {
        synchronized (fleets) {
            return List.copyOf(fleets.values());
        }
    }

    @PreDestroy
    void stopAll() {
        synchronized (fleets) {
            fleets.values().forEach(SimulatedFleet::close);
            fleets.clear();
        }
    }
}
