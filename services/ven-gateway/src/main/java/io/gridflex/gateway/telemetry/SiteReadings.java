package io.gridflex.gateway.telemetry;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.program.ProgramConfig;

/**
 * The latest telemetry of each site a program reports, in memory: only the newest reading per site counts, so
 * records read again after a restart or arriving out of order change nothing. Thread-safe.
 */
@ApplicationScoped
public class SiteReadings {

    private final Set<String> watched;
    private final Map<String, SiteReading> latest = new ConcurrentHashMap<>();

    @Inject
    public SiteReadings(GatewayConfig config) {
        this(config.programs().values().stream().flatMap(program -> program.resources().values().stream())
                .map(ProgramConfig.Resource::sites).flatMap(Collection::stream).toList());
    }

    /** @param watched the sites whose telemetry is kept; any other site's is not even read */
    public SiteReadings(Collection<String> watched) {
        this.watched = Set.copyOf(new TreeSet<>(watched));
    }

    /** Whether some program reports this site. */
    public boolean watches(String siteId) {
        return watched.contains(siteId);
    }

    /** @return false when the reading is not newer than the one held (and so was not kept) */
    public boolean offer(SiteReading reading) {
        if (!watches(reading.siteId())) {
            return false;
        }
        boolean[] kept = new boolean[1];
        latest.compute(reading.siteId(), (site, held) -> {
            kept[0] = held == null || reading.at().isAfter(held.at());
            return kept[0] ? reading : held;
        });
        return kept[0];
    }

    public Optional<SiteReading> latest(String siteId) {
        return Optional.ofNullable(latest.get(siteId));
    }
}
