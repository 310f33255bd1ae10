package io.gridflex.dispatch.schedule;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.DispatchMetrics;
import io.gridflex.dispatch.status.PendingStatus;
import io.gridflex.dispatch.status.StatusOutbox;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.outbox.BatchPublisher;
import io.gridflex.support.outbox.OutboxRelay;
import io.gridflex.support.outbox.RenewingSender;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The outbox relays: schedules to each site's own schedules topic ({@code <site-schedules topic>.<site id>}) keyed by
 * site, status reports to the dispatch-status channel keyed by event. A crash between Kafka's acknowledgement and the
 * commit re-sends a schedule with the same revision, which agents ignore as one they already hold.
 * <p>
 * Each relay sends with a producer of its own, configured as its channel, which it replaces after a failed send
 * ({@link RenewingSender}); that also skips the reactive pipeline's per-record work, which cost 10-50 ms per thousand
 * schedules on the benchmark machine (docs/benchmarks.md). The emitters are injected so that the channels, and with
 * them their health checks, exist.
 */
@ApplicationScoped
public class RelayProducers {

    @Produces
    @Singleton
    OutboxRelay<PendingSchedule> scheduleRelay(ScheduleRepository schedules,
            @Channel("site-schedules") MutinyEmitter<String> emitter, ScheduleSender sender,
            Transactions transactions, DispatchMetrics metrics, DispatchConfig config, Clock clock) {
        return new OutboxRelay<>("schedules", schedules, new BatchPublisher(sender.sender()), transactions,
                metrics.relayMeters("schedules"), config.relay(), clock);
    }

    @Produces
    @Singleton
    OutboxRelay<PendingStatus> statusRelay(StatusOutbox statuses,
            @Channel("dispatch-status") MutinyEmitter<String> emitter, Config settings, Transactions transactions,
            DispatchMetrics metrics, DispatchConfig config, Clock clock) {
        return new OutboxRelay<>("status reports", statuses,
                new BatchPublisher(RenewingSender.forChannel(settings, "dispatch-status")), transactions,
                metrics.relayMeters("status"), config.relay(), clock);
    }
}
