package io.gridflex.siteagent.bench;

import static io.gridflex.siteagent.ConfigOverrides.override;

import java.time.Duration;
import java.util.Map;

import io.gridflex.siteagent.SiteConfig;

/**
 * A test site configuration with the service's own defaults for what a benchmark measures (request timeout, retries,
 * confirmation time, sample and control intervals), in place of the short ones tests use to be quick.
 */
final class ProductionSettings {

    private ProductionSettings() {
    }

    static SiteConfig of(SiteConfig test) {
        SiteConfig.Miner miner = override(SiteConfig.Miner.class, test.miner(), Map.of("timeout",
                Duration.ofSeconds(2), "retries", 2, "retryDelay", Duration.ofMillis(300), "failureCooldown",
                Duration.ofSeconds(30)));
        SiteConfig.Shed shed = override(SiteConfig.Shed.class, test.shed(),
                Map.of("confirmTimeout", Duration.ofSeconds(10)));
        return override(SiteConfig.class, test, Map.of("sampleInterval", Duration.ofSeconds(1), "controlInterval",
                Duration.ofMillis(250), "miner", miner, "shed", shed));
    }
}
