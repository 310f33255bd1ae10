package io.gridflex.minersim.service;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.meter.DataCentreProfile;
import io.gridflex.minersim.meter.RegisterMap;
import io.gridflex.minersim.meter.SiteMeter;
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
    private final Map<String, SiteMeter> siteMeters = Collections.synchronizedMap(new TreeMap<>());

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
        if (!spec.firmwares().isEmpty()) {
            Map<Firmware, Integer> mix = new EnumMap<>(Firmware.class);
            spec.firmwares().forEach((name, n) -> mix.put(firmware(siteId, name), n));
            builder.firmwares(mix);
        }
        spec.addressBase().ifPresent(builder::addressPerMiner);
        spec.firmwarePorts().forEach((name, port) -> builder.firmwarePort(firmware(siteId, name), port));
        spec.passwords().forEach((name, password) -> builder.password(firmware(siteId, name), password));
        builder.quirky(spec.quirky());
        SimulatedFleet fleet = builder.start();
        fleets.put(siteId, fleet);
        if (spec.meter().enabled()) {
            startMeter(siteId, spec, fleet);
        }
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
                fleet.miners().size() <= 50 ? fleet.endpoints() : fleet.endpoint(0) + " ...");
    }

    private void startMeter(String siteId, MinerSimConfig.Fleet spec, SimulatedFleet fleet) {
        MinerSimConfig.Meter m = spec.meter();
        MinerSimConfig.Registers r = m.registers();
        RegisterMap map = new RegisterMap(m.registerKind(), m.wordOrder(), m.energyFormat(), m.energyScale(),
                m.unitId(), r.siteKw(), r.miningKw(), r.dataCentreKw(), r.siteKwh(), r.miningKwh(), r.dataCentreKwh());
        MinerSimConfig.DataCentre dc = spec.dataCentre();
        DataCentreProfile profile = new DataCentreProfile(dc.baseKw(), dc.spikeKw(), dc.spikeDuration(),
                dc.spikePeriod(), dc.seed());
        SiteMeter meter = SiteMeter.forFleet(fleet, profile, map, config.host(), m.port());
        siteMeters.put(siteId, meter);
        LOG.infof("site %s: Modbus TCP meter at %s:%d (unit %d)", siteId, meter.host(), meter.port(), m.unitId());
    }

    private static Firmware firmware(String siteId, String name) {
        try {
            return Firmware.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("site " + siteId + ": unknown firmware '" + name + "'; one of "
                    + List.of(Firmware.values()), e);
        }
    }

    public Optional<SiteMeter> meter(String siteId) {
        return Optional.ofNullable(siteMeters.get(siteId));
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
        synchronized (siteMeters) {
            siteMeters.values().forEach(SiteMeter::close);
            siteMeters.clear();
        }
        synchronized (fleets) {
            fleets.values().forEach(SimulatedFleet::close);
            fleets.clear();
        }
    }
}
