package io.gridflex.siteagent.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerStatus;

/**
 * Ready when enough miners answered their latest reading to act on a schedule. Kafka's side of readiness comes from
 * the Kafka extension's own checks.
 */
@Readiness
@ApplicationScoped
public class MinersReadinessCheck implements HealthCheck {

    private final FleetView fleet;
    private final double minFraction;

    public MinersReadinessCheck(FleetView fleet, SiteConfig config) {
        this.fleet = fleet;
        this.minFraction = config.health().minReachableFraction();
    }

    @Override
    public HealthCheckResponse call() {
        List<MinerStatus> miners = fleet.snapshot();
        long reachable = miners.stream().filter(MinerStatus::reachable).count();
        long needed = Math.max(1, (long) Math.ceil(minFraction * miners.size()));
        return HealthCheckResponse.named("miners")
                .status(reachable >= needed)
                .withData("reachable", reachable)
                .withData("total", miners.size())
                .withData("needed", needed)
                .build();
    }
}
