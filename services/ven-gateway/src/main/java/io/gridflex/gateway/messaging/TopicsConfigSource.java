package io.gridflex.gateway.messaging;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.gridflex.messages.Topics;

/**
 * Publishes the topic names of the message contract as {@code gridflex.topics.*}, so application.properties refers
 * to them ({@code topic=${gridflex.topics.dr-events}}) instead of repeating the strings.
 */
public class TopicsConfigSource implements ConfigSource {

    private static final Map<String, String> TOPICS = Map.of("gridflex.topics.dr-events", Topics.DR_EVENTS);

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
        // Below application.properties (250) and the environment, so either can still rename the topic.
        return 200;
    }
}
