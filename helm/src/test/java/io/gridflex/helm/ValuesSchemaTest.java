package io.gridflex.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A values file with a mistake is refused before anything is rendered, by a message that says what is wrong. */
class ValuesSchemaTest {

    @TempDir
    Path dir;

    Path values(String yaml) throws IOException {
        return Files.writeString(dir.resolve("values.yaml"), yaml);
    }

    @Test
    void aMisspelledKeyIsRefused() throws IOException {
        Path typo = values("""
                cloudnativepg:
                  enabled: true
                  instnces: 3
                """);
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, typo))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("instnces");
    }

    @Test
    void aSiteIdKafkaCannotNameIsRefused() throws IOException {
        Path upperCase = values("""
                sites:
                  - id: Site_A
                """);
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, upperCase))
                .hasMessageContaining("/sites/0/id")
                .hasMessageContaining("does not match pattern");
    }

    /**
     * Ids KafkaPolicy accepts but Kubernetes cannot name objects after: a '.' (the agent's Service is site-agent-<id>,
     * a DNS label), a trailing '-' (the KafkaUser site-<id> and the label gridflex.io/site must end alphanumeric),
     * and more than 41 characters (the agent's StatefulSet name, at most 52). Refused by both charts.
     */
    @ParameterizedTest
    @ValueSource(strings = {"site.a", "site-a-", "-site-a", "site_a", "site-abcdefghijklmnopqrstuvwxyz0123456789x"})
    void aSiteIdKubernetesCannotNameObjectsAfterIsRefusedByBothCharts(String id) {
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, List.of(), Map.of("sites[0].id", id)))
                .hasMessageContaining("/sites/0/id");
        Map<String, Object> site = new HashMap<>(ChartsTest.SITE);
        site.put("site.id", id);
        assertThatThrownBy(() -> Charts.render(Charts.SITE_AGENT, List.of(), site))
                .hasMessageContaining("/site/id");
    }

    @Test
    void aServiceWithoutLimitsIsRefused() throws IOException {
        Path noLimits = values("""
                dispatch:
                  enabled: true
                  resources:
                    requests:
                      cpu: 500m
                      memory: 512Mi
                    limits: null
                """);
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, noLimits))
                .hasMessageContaining("dispatch")
                .hasMessageContaining("limits");
    }

    @Test
    void aWrongTypeIsRefused() throws IOException {
        Path replicasAsText = values("""
                settlement:
                  enabled: true
                  replicas: two
                """);
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, replicasAsText))
                .hasMessageContaining("settlement")
                .hasMessageContaining("replicas");
    }

    @Test
    void aSecondGatewayIsRefused() throws IOException {
        Path two = values("""
                ven-gateway:
                  replicas: 2
                """);
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, two))
                .hasMessageContaining("ven-gateway")
                .hasMessageContaining("replicas");
    }

    @Test
    void aSiteAgentWithoutItsKafkaAddressIsRefused() {
        Map<String, Object> noKafka = Map.of("site.id", "site-x", "site.minersSecret", "m",
                "kafka.credentialsSecret", "k", "statusPasswordSecret", "s");
        assertThatThrownBy(() -> Charts.render(Charts.SITE_AGENT, List.of(), noKafka))
                .hasMessageContaining("bootstrapServers");
    }
}
