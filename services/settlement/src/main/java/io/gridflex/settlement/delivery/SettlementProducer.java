package io.gridflex.settlement.delivery;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.gridflex.settlement.SettlementConfig;
import io.gridflex.settlement.attribution.EpisodeAttribution;
import io.gridflex.settlement.baseline.MeterBeforeMeterAfter;
import io.quarkus.runtime.Startup;

/** Builds the settlement computation from configuration, at startup so a bad setting stops the service at once. */
public class SettlementProducer {

    @Produces
    @Singleton
    @Startup
    EpisodeAttribution episodeAttribution(SettlementConfig config) {
        return new EpisodeAttribution(
                new MeterBeforeMeterAfter(config.baseline().window(), config.baseline().minimumCoverage()));
    }
}
