package io.gridflex.gateway.outbox;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.outbox.BatchPublisher;
import io.gridflex.support.outbox.OutboxRelay;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The outbox relay of DrEvents: publishes the revisions the event handler queued to the dr-events channel, keyed by
 * eventId. A crash between Kafka's acknowledgement and the commit sends a row again, with the same eventId and
 * modificationNumber, which consumers recognise as a duplicate.
 */
@ApplicationScoped
public class DrEventRelayProducer {

    @Produces
    @Singleton
    OutboxRelay<PendingPublication> drEventRelay(OutboxRepository outbox,
            @Channel("dr-events") MutinyEmitter<String> emitter, Transactions transactions, GatewayMetrics metrics,
            GatewayConfig config, Clock clock) {
        return new OutboxRelay<>("DR events", outbox, new BatchPublisher(emitter), transactions, metrics,
                config.relay(), clock);
    }
}
