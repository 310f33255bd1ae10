package io.gridflex.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.ServiceLoader;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.gridflex.messages.Topics;

class TopicsConfigSourceTest {

    @Test
    void publishesEveryTopicOfTheContract() {
        TopicsConfigSource source = new TopicsConfigSource();

        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder("gridflex.topics.dr-events",
                "gridflex.topics.site-commands", "gridflex.topics.command-acks", "gridflex.topics.site-telemetry");
        Map.of("gridflex.topics.dr-events", Topics.DR_EVENTS,
                "gridflex.topics.site-commands", Topics.SITE_COMMANDS,
                "gridflex.topics.command-acks", Topics.COMMAND_ACKS,
                "gridflex.topics.site-telemetry", Topics.SITE_TELEMETRY)
                .forEach((key, topic) -> assertThat(source.getValue(key)).as(key).isEqualTo(topic));
        assertThat(source.getValue("gridflex.topics.unknown")).isNull();
    }

    @Test
    void ranksBelowApplicationPropertiesSoTheyCanRenameATopic() {
        assertThat(new TopicsConfigSource().getOrdinal()).isEqualTo(200).isLessThan(250);
    }

    @Test
    void isRegisteredForServiceLoading() {
        assertThat(ServiceLoader.load(ConfigSource.class).stream().map(ServiceLoader.Provider::type))
                .contains(TopicsConfigSource.class);
    }
}
