package io.gridflex.messages.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.Topics;

class StrimziObjectsTest {

    @Test
    void aSiteIsItsThreeTopicsAndAUserWithExactlyItsAcls() {
        List<Map<String, Object>> objects = StrimziObjects.site("mine-7", "gridflex", 3);

        assertThat(objects).extracting(o -> o.get("kind")).containsExactly("KafkaTopic", "KafkaTopic", "KafkaTopic",
                "KafkaUser");
        assertThat(objects.subList(0, 3)).extracting(o -> spec(o).get("topicName")).containsExactly(
                Topics.siteSchedules("mine-7"), Topics.scheduleAcks("mine-7"), Topics.siteTelemetry("mine-7"));
        assertThat(objects.subList(0, 3)).extracting(o -> spec(o).get("partitions")).containsOnly(1);
        Map<String, Object> user = objects.get(3);
        assertThat(metadata(user)).containsEntry("name", "site-mine-7")
                .containsEntry("labels", Map.of("strimzi.io/cluster", "gridflex"));
        assertThat(spec(user).get("authentication")).isEqualTo(Map.of("type", "scram-sha-512"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> acls = (List<Map<String, Object>>) ((Map<String, Object>) spec(user)
                .get("authorization")).get("acls");
        assertThat(acls).containsExactlyInAnyOrder(
                acl("topic", Topics.siteSchedules("mine-7"), "literal", "Read"),
                acl("group", "site-agent-mine-7", "literal", "Read"),
                acl("topic", Topics.scheduleAcks("mine-7"), "literal", "Write"),
                acl("topic", Topics.siteTelemetry("mine-7"), "literal", "Write"));
    }

    @Test
    void servicesKeepTheirPrefixedAndClusterRules() {
        Map<String, Object> provisioner = StrimziObjects.service(KafkaPolicy.Service.PROVISIONER, "gridflex");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> acls = (List<Map<String, Object>>) ((Map<String, Object>) spec(provisioner)
                .get("authorization")).get("acls");
        assertThat(acls).hasSize(KafkaPolicy.service(KafkaPolicy.Service.PROVISIONER).size())
                .contains(Map.of("resource", Map.of("type", "cluster"), "operations", List.of("Alter")))
                .contains(acl("topic", Topics.SITE_TELEMETRY + ".", "prefix", "DescribeConfigs"));
    }

    @Test
    void aTopicNameThatIsNoKubernetesNameKeepsItsRealNameInTheSpec() {
        Map<String, Object> topic = StrimziObjects.topic(Topics.siteTelemetry("Mine_7"), "gridflex", 1, 3);
        assertThat(metadata(topic).get("name")).isEqualTo("gridflex.site-telemetry.v2.mine-7");
        assertThat(spec(topic).get("topicName")).isEqualTo("gridflex.site-telemetry.v2.Mine_7");
        assertThatThrownBy(() -> StrimziObjects.site("Mine_7", "gridflex", 3))
                .hasMessageContaining("not a Kubernetes name");
    }

    private static Map<String, Object> acl(String type, String name, String pattern, String operation) {
        return Map.of("resource", Map.of("type", type, "name", name, "patternType", pattern), "operations",
                List.of(operation));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> object) {
        return (Map<String, Object>) object.get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.get("metadata");
    }
}
