package io.gridflex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TestKafkaTest {

    @Test
    void readsBackWhatWasSentAndOnlyWhatMatches() {
        KafkaTestResource.broker().createTopics(java.util.List.of("test-support-check"), 1);
        try (TestKafka kafka = new TestKafka(KafkaTestResource.adminConfig())) {
            kafka.send("test-support-check", "a", "first");
            kafka.send("test-support-check", "b", "second");

            assertThat(kafka.awaitRecord("test-support-check", r -> "b".equals(r.key()), Duration.ofSeconds(30))
                    .value()).isEqualTo("second");
            assertThatThrownBy(() -> kafka.awaitRecord("test-support-check", r -> "c".equals(r.key()),
                    Duration.ofSeconds(2))).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void resourcesHandOutRealEndpoints() {
        var pg = new PostgresTestResource().start();
        assertThat(pg.get("quarkus.datasource.jdbc.url")).startsWith("jdbc:postgresql://127.0.0.1:");
        System.setProperty(KafkaTestResource.PRINCIPAL, "settlement");
        var kafka = new KafkaTestResource().start();
        assertThat(kafka.get("kafka.bootstrap.servers")).startsWith("127.0.0.1:");
        assertThat(kafka).containsEntry("gridflex.kafka.username", "settlement").containsKey("gridflex.kafka.password");
    }
}
