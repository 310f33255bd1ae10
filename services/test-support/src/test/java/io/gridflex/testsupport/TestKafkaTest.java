package io.gridflex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TestKafkaTest {

    @Test
    void readsBackWhatWasSentAndOnlyWhatMatches() {
        try (TestKafka kafka = new TestKafka(KafkaTestResource.bootstrapServers())) {
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
        assertThat(new KafkaTestResource().start().get("kafka.bootstrap.servers")).startsWith("127.0.0.1:");
    }
}
