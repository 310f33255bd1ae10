package io.gridflex.support.messaging;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.gridflex.messages.Topics;

/**
 * Publishes the topic names of the message contract as {@code gridflex.topics.*} so application.properties refers to
 * them (e.g. {@code topic=${gridflex.topics.dr-events}}) instead of repeating the strings: the platform topics, the
 * kinds of per-site topic (a site's own is {@code ${gridflex.topics.site-telemetry}.<site id>}), and as
 * {@code gridflex.topics.every-site.<kind>} the pattern that matches every site's topic of a kind. Every service that depends
 * on this library gets all of them; registered in {@code META-INF/services}.
 */
public class TopicsConfigSource implements ConfigSource {

    private static final Map<String, String> TOPICS = Map.of(
            "gridflex.topics.dr-events", Topics.DR_EVENTS,
            "gridflex.topics.site-schedules", Topics.SITE_SCHEDULES,
            "gridflex.topics.schedule-acks", Topics.SCHEDULE_ACKS,
            "gridflex.topics.site-telemetry", Topics.SITE_TELEMETRY,
            "gridflex.topics.dispatch-status", Topics.DISPATCH_STATUS,
            "gridflex.topics.every-site.site-schedules", Topics.everySite(Topics.SITE_SCHEDULES),
            "gridflex.topics.every-site.schedule-acks", Topics.everySite(Topics.SCHEDULE_ACKS),
            "gridflex.topics.every-site.site-telemetry", Topics.everySite(Topics.SITE_TELEMETRY));

    @Override
    public Set<String> getPropertyNames() {
        return TOPICS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return TOPICS.get(propertyName);
    }

    @Override
    public String getName() {
        return "gridflex-topics";
    }

    @Override
    public int getOrdinal() {
        // Below application.properties (250) and the environment: any ordinary config source can rename a topic.
        return 200;
    }
}
