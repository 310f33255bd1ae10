package io.gridflex.siteagent.miner;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.gridflex.siteagent.SiteConfig;

/** One miner API client for the agent; it holds no connection between requests. */
public class LuxosClientProducer {

    @Produces
    @Singleton
    LuxosClient luxosClient(SiteConfig config, Clock clock) {
        return new LuxosClient(config.miner().timeout(), clock);
    }
}
