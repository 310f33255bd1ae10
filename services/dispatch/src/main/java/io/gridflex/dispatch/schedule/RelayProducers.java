package io.gridflex.dispatch.schedule;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.DispatchMetrics;
import io.gridflex.dispatch.status.PendingStatus;
import io.gridflex.dispatch.status.StatusOutbox;
import io.gridflex.messages.Topics;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.outbox.BatchPublisher;
import io.gridflex.support.outbox.OutboxRelay;
import io.gridflex.support.outbox.RecordSender;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * The outbox relays: schedules to each site's own schedules topic ({@code <site-schedules topic>.<site id>}) keyed by
 * site, status reports to the dispatch-status channel keyed by event. A crash between Kafka's acknowledgement and the commit re-sends a schedule with the same
 * revision, which agents ignore as one they already hold.
 */
@ApplicationScoped
public class RelayProducers {

    @Produces
    @Singleton
    OutboxRelay<PendingSchedule> scheduleRelay(ScheduleRepository schedules,
            @Channel("site-schedules") MutinyEmitter<String> emitter, KafkaClientService clients,
            @ConfigProperty(name = "mp.messaging.outgoing.site-schedules.topic") String topic,
            Transactions transactions,
            DispatchMetrics metrics, DispatchConfig config, Clock clock) {
        // A thousand schedules at once go straight to the channel's producer: the emitter's per-record pipeline cost
        // 10-50 ms per batch on the benchmark machine (docs/benchmarks.md). The emitter is still injected so that the
        // connector creates that producer with the channel's settings.
        return new OutboxRelay<>("schedules", schedules,
                new BatchPublisher(RecordSender.direct(clients, "site-schedules", site -> Topics.ofSite(topic, site))),
                transactions,
                metrics.relayMeters("schedules"), config.relay(), clock);
    }

    @Produces
    @Singleton
    OutboxRelay<PendingStatus> statusRelay(StatusOutbox statuses,
            @Channel("dispatch-status") MutinyEmitter<String> emitter, Transactions transactions,
            DispatchMetrics metrics, DispatchConfig config, Clock clock) {
        return new OutboxRelay<>("status reports", statuses, new BatchPublisher(emitter), transactions,
                metrics.relayMeters("status"), config.relay(), clock);
    }
}
