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
                "gridflex.topics.site-schedules", "gridflex.topics.schedule-acks", "gridflex.topics.site-telemetry",
                "gridflex.topics.dispatch-status", "gridflex.topics.every-site.site-schedules",
                "gridflex.topics.every-site.schedule-acks", "gridflex.topics.every-site.site-telemetry");
        Map.of("gridflex.topics.dr-events", Topics.DR_EVENTS,
                "gridflex.topics.site-schedules", Topics.SITE_SCHEDULES,
                "gridflex.topics.schedule-acks", Topics.SCHEDULE_ACKS,
                "gridflex.topics.site-telemetry", Topics.SITE_TELEMETRY,
                "gridflex.topics.dispatch-status", Topics.DISPATCH_STATUS)
                .forEach((key, topic) -> assertThat(source.getValue(key)).as(key).isEqualTo(topic));
        assertThat(source.getValue("gridflex.topics.unknown")).isNull();
        java.util.regex.Pattern everySite = java.util.regex.Pattern
                .compile(source.getValue("gridflex.topics.every-site.site-telemetry"));
        assertThat(everySite.matcher(Topics.siteTelemetry("site-a")).matches()).isTrue();
        assertThat(everySite.matcher(Topics.SITE_TELEMETRY).matches()).isFalse();
        assertThat(everySite.matcher(Topics.siteSchedules("site-a")).matches()).isFalse();
        assertThat(everySite.matcher("gridflex-site-telemetry-v2-x").matches()).isFalse();
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
