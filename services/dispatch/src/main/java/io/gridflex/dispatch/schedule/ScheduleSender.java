package io.gridflex.dispatch.schedule;

import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.gridflex.dispatch.registry.SiteRegistryChange;
import io.gridflex.dispatch.sitelink.RegisteredSites;
import io.gridflex.messages.Topics;
import io.gridflex.support.outbox.RenewingSender;
import io.quarkus.runtime.StartupEvent;

/**
 * The schedule relay's Kafka sender (each schedule to its site's own topic), kept ready for every registered site: it
 * looks up all their topics when dispatch starts and each new site's as it is registered, so the first schedules of
 * an event never wait for the producer to learn a thousand topics one by one (see {@link RenewingSender#warm}).
 */
@ApplicationScoped
public class ScheduleSender {

    private static final Logger LOG = Logger.getLogger(ScheduleSender.class);

    private final RenewingSender sender;
    private final RegisteredSites sites;

    public ScheduleSender(Config settings, RegisteredSites sites) {
        String topic = settings.getValue("mp.messaging.outgoing.site-schedules.topic", String.class);
        this.sender = RenewingSender.forChannel(settings, "site-schedules", site -> Topics.ofSite(topic, site));
        this.sites = sites;
    }

    RenewingSender sender() {
        return sender;
    }

    void start(@Observes StartupEvent event) {
        long started = System.nanoTime();
        List<String> registered;
        try {
            registered = sites.all().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                    .toList();
        } catch (RuntimeException e) {
            LOG.warnf("schedule topics not looked up ahead (each is looked up with its first schedule): %s",
                    e.getMessage());
            return;
        }
        sender.warm(registered).thenAccept(known -> LOG.infof(
                "schedule topics looked up ahead: %d of %d registered sites in %d ms", known, registered.size(),
                (System.nanoTime() - started) / 1_000_000));
    }

    /** After the site link made the new site's topics (it observes the same change, earlier). */
    void on(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) SiteRegistryChange change) {
        if (!change.removed()) {
            sender.warm(List.of(change.siteId()));
        }
    }
}
