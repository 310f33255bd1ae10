package io.gridflex.support.outbox;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts every {@link OutboxRelay} the service produces as a bean when the application starts, and stops them on
 * shutdown, before the beans a round still uses (the data source, the emitter) are destroyed.
 */
@Singleton
public class OutboxRelays {

    private final Instance<OutboxRelay<?>> relays;

    public OutboxRelays(Instance<OutboxRelay<?>> relays) {
        this.relays = relays;
    }

    void start(@Observes StartupEvent startup) {
        relays.forEach(OutboxRelay::start);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        for (OutboxRelay<?> relay : relays) {
            relay.stop();
        }
    }
}
