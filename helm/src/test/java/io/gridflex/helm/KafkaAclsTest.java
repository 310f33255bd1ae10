package io.gridflex.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.messages.Topics;
import io.gridflex.messages.access.KafkaPolicy;
import io.gridflex.messages.access.StrimziObjects;

/**
 * The chart's Strimzi users and topics are exactly those of the platform's access policy: the same objects
 * {@link StrimziObjects} makes of {@link KafkaPolicy} (and dispatch serves for a site), field for field.
 */
class KafkaAclsTest {

    final List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, List.of(),
            Map.of("sites[0].id", "site-a", "sites[1].id", "north-7"));

    @Test
    void everyServiceUserHasExactlyThePolicysAcls() {
        for (KafkaPolicy.Service service : List.of(KafkaPolicy.Service.VEN_GATEWAY, KafkaPolicy.Service.DISPATCH,
                KafkaPolicy.Service.SETTLEMENT)) {
            JsonNode expected = Charts.json(StrimziObjects.service(service, "gridflex"));
            JsonNode rendered = Charts.named(objects, "KafkaUser", service.principal());
            assertThat(rendered.path("spec")).as(service.principal()).isEqualTo(expected.path("spec"));
            assertThat(rendered.path("apiVersion")).isEqualTo(expected.path("apiVersion"));
            assertThat(rendered.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("gridflex");
        }
    }

    @Test
    void everySiteHasItsUserAndTopicsExactlyAsOnboardingDeclaresThem() {
        for (String site : List.of("site-a", "north-7")) {
            for (Map<String, Object> object : StrimziObjects.site(site, "gridflex", 3)) {
                JsonNode expected = Charts.json(object);
                JsonNode rendered = Charts.named(objects, expected.path("kind").asText(),
                        expected.at("/metadata/name").asText());
                assertThat(rendered.path("apiVersion")).isEqualTo(expected.path("apiVersion"));
                if (expected.path("kind").asText().equals("KafkaUser")) {
                    assertThat(rendered.path("spec")).as(site).isEqualTo(expected.path("spec"));
                } else {
                    // The chart adds the topic's configuration; name, partitions and replicas are the policy's.
                    for (String field : List.of("topicName", "partitions", "replicas")) {
                        assertThat(rendered.at("/spec/" + field)).as(site + " " + field)
                                .isEqualTo(expected.at("/spec/" + field));
                    }
                }
            }
        }
    }

    @Test
    void topicSettingsAreWholeNumbers() {
        // Helm holds numbers as floats: a large one must be rendered as an integer, never as 6.048e+08.
        JsonNode config = Charts.named(objects, "KafkaTopic", "gridflex.dr-events.v2").at("/spec/config");
        assertThat(config.path("retention.ms").isIntegralNumber()).as(config.toString()).isTrue();
        assertThat(config.path("retention.ms").asLong()).isEqualTo(604_800_000L);
    }

    /** The chart gives each site topic the settings dispatch's onboarding creates it with (the schedules' own). */
    @Test
    void siteTopicsHaveTheSettingsOnboardingGivesThem() {
        for (String topic : KafkaPolicy.siteTopics("site-a")) {
            JsonNode config = Charts.named(objects, "KafkaTopic", topic).at("/spec/config");
            KafkaPolicy.siteTopicConfig(topic).forEach((key, value) -> assertThat(config.path(key).asText())
                    .as(topic + " " + key).isEqualTo(value));
            assertThat(config.size()).as(topic + ": " + config)
                    .isEqualTo(2 + KafkaPolicy.siteTopicConfig(topic).size());
        }
        assertThat(KafkaPolicy.siteTopicConfig(Topics.siteSchedules("site-a"))).containsKey("index.interval.bytes");
    }

    @Test
    void thereAreNoOtherUsersNorTopics() {
        assertThat(Charts.ofKind(objects, "KafkaUser")).extracting(u -> u.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("ven-gateway", "dispatch", "settlement", "site-site-a", "site-north-7");
        List<String> topics = new java.util.ArrayList<>(Topics.platform());
        for (String site : List.of("site-a", "north-7")) {
            topics.addAll(KafkaPolicy.siteTopics(site));
        }
        assertThat(Charts.ofKind(objects, "KafkaTopic")).extracting(t -> t.at("/spec/topicName").asText())
                .containsExactlyInAnyOrderElementsOf(topics);
    }

    @Test
    void aDisabledServiceHasNoUser() {
        List<JsonNode> withoutGateway = Charts.render(Charts.GRIDFLEX, List.of(), Map.of("ven-gateway.enabled", false));
        assertThat(Charts.ofKind(withoutGateway, "KafkaUser")).extracting(u -> u.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("dispatch", "settlement");
    }
}
