package io.gridflex.minersim.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.gridflex.minersim.fleet.SimulatedFleet;

/** Ready when every configured fleet is up and every miner endpoint accepts connections. */
@Readiness
@ApplicationScoped
public class FleetsReadinessCheck implements HealthCheck {

    private final FleetRegistry registry;
    private final MinerSimConfig config;

    public FleetsReadinessCheck(FleetRegistry registry, MinerSimConfig config) {
        this.registry = registry;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("miner fleets");
        boolean up = registry.fleets().size() == config.fleets().size();
        for (SimulatedFleet fleet : registry.fleets()) {
            boolean listening = fleet.isListening();
            up &= listening;
            response.withData(fleet.siteId(), fleet.miners().size() + " miners, " + (listening ? "listening" : "down"));
        }
        return response.status(up).build();
    }
}
