package io.gridflex.siteagent.link;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.support.outbox.RecordSender;
import io.gridflex.support.outbox.RenewingSender;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The agent's way to Kafka: every ack and telemetry record goes into the {@link LinkJournal} on local disk, and the
 * {@link LinkRelay} sends them from there, in order, once the broker can take them. Records go to producers of the
 * link's own, configured as the {@code schedule-acks} and {@code site-telemetry} channels (security included) and
 * replaced after a failed send ({@link RenewingSender}), so a producer wedged by a broker that once refused the
 * site's credentials never stops the link for good. The emitters are injected so that the channels, and with them
 * their health checks, exist.
 */
@ApplicationScoped
public class SiteLink implements Outbound {

    private static final Logger LOG = Logger.getLogger(SiteLink.class);

    private final LinkJournal journal;
    private final LinkRelay relay;
    private final Map<LinkChannel, RenewingSender> senders;

    public SiteLink(SiteConfig config, Clock clock, AgentMetrics metrics, Config settings,
            @Channel("schedule-acks") Emitter<String> acks, @Channel("site-telemetry") Emitter<String> telemetry) {
        SiteConfig.Link link = config.link();
        Path directory = link.directory()
                .orElseGet(() -> config.stateFile().toAbsolutePath().resolveSibling("link-journal"));
        LinkJournal.Bounds bounds = new LinkJournal.Bounds(link.buffer().maxBytes().asLongValue(),
                link.buffer().maxAge(), link.buffer().segmentBytes().asLongValue());
        this.journal = LinkJournal.open(directory, bounds, clock, metrics::linkDropped);
        this.senders = Map.of(
                LinkChannel.SCHEDULE_ACKS, RenewingSender.forChannel(settings, LinkChannel.SCHEDULE_ACKS.channel()),
                LinkChannel.SITE_TELEMETRY, RenewingSender.forChannel(settings, LinkChannel.SITE_TELEMETRY.channel()));
        this.relay = new LinkRelay(journal, Map.<LinkChannel, RecordSender>copyOf(senders),
                new LinkRelay.Settings(link.batchSize(), link.retryBackoff(), link.maxRetryBackoff()), metrics, clock);
        metrics.linkBacklog(() -> journal.backlog().records(), () -> journal.backlog().bytes(), () -> {
            LinkJournal.Backlog backlog = journal.backlog();
            return backlog.oldestAppendedAt() == null
                    ? 0
                    : Math.max(0, Duration.between(backlog.oldestAppendedAt(), clock.instant()).toMillis() / 1000.0);
        });
        LOG.infof("link journal in %s (at most %d bytes, %s of unsent records)", journal.directory(),
                bounds.maxBytes(), bounds.maxAge());
    }

    void start(@Observes StartupEvent event) {
        relay.start();
    }

    /** Stops sending before the connector closes its producers; records appended from now on wait for the next run. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        relay.stop();
        senders.values().forEach(RenewingSender::close);
    }

    @PreDestroy
    void close() {
        journal.close();
    }

    @Override
    public void send(LinkChannel channel, String key, String json) {
        journal.append(channel, key, json);
        relay.wake();
    }

    public LinkJournal.Backlog backlog() {
        return journal.backlog();
    }

    public LinkRelay.Status relayStatus() {
        return relay.status();
    }
}
