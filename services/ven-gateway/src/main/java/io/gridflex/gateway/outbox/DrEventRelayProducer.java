package io.gridflex.gateway.outbox;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.outbox.BatchPublisher;
import io.gridflex.support.outbox.OutboxRelay;
import io.gridflex.support.outbox.RenewingSender;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The outbox relay of DrEvents: publishes the revisions the event handler queued to the dr-events channel, keyed by
 * eventId. A crash between Kafka's acknowledgement and the commit sends a row again, with the same eventId and
 * modificationNumber, which consumers recognise as a duplicate.
 * <p>
 * It sends with a producer of its own, configured as the channel, which it replaces after a failed send
 * ({@link RenewingSender}). The emitter is injected so that the channel, and with it its health checks, exists.
 */
@ApplicationScoped
public class DrEventRelayProducer {

    @Produces
    @Singleton
    OutboxRelay<PendingPublication> drEventRelay(OutboxRepository outbox,
            @Channel("dr-events") MutinyEmitter<String> emitter, Transactions transactions, GatewayMetrics metrics,
            GatewayConfig config, Config settings, Clock clock) {
        return new OutboxRelay<>("DR events", outbox,
                new BatchPublisher(RenewingSender.forChannel(settings, "dr-events")), transactions, metrics,
                config.relay(), clock);
    }
}
