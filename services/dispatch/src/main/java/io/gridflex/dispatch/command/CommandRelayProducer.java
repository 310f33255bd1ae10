package io.gridflex.dispatch.command;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.DispatchMetrics;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.outbox.BatchPublisher;
import io.gridflex.support.outbox.OutboxRelay;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The outbox relay of site commands: publishes the commands the event consumer wrote to the site-commands channel,
 * keyed by site. A crash between Kafka's acknowledgement and the commit re-sends a command with the same id, which
 * site agents recognise as a duplicate.
 */
@ApplicationScoped
public class CommandRelayProducer {

    @Produces
    @Singleton
    OutboxRelay<PendingCommand> commandRelay(CommandRepository commands,
            @Channel("site-commands") MutinyEmitter<String> emitter, Transactions transactions,
            DispatchMetrics metrics, DispatchConfig config, Clock clock) {
        return new OutboxRelay<>("commands", commands, new BatchPublisher(emitter), transactions, metrics,
                config.relay(), clock);
    }
}
