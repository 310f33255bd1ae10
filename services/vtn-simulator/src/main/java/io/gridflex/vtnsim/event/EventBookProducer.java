package io.gridflex.vtnsim.event;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.gridflex.vtnsim.config.VtnConfig;

public class EventBookProducer {

    @Produces
    @Singleton
    EventBook eventBook(VtnConfig config) {
        return new EventBook(config.nearWindow());
    }
}
