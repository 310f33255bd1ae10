package io.gridflex.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each launcher starts the real server, which then does real work, and stops it again. */
class RealInfrastructureTest {

    @TempDir
    Path work;

    @Test
    void postgresRunsSqlAndStops() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(work.resolve("pg"), 0)) {
            postgres.createDatabase("gridflex");
            postgres.createDatabase("gridflex");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("gridflex"), PostgresServer.USER,
                    PostgresServer.PASSWORD); ResultSet rs = c.createStatement().executeQuery("SELECT version()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("PostgreSQL 17");
            }
            long pid = postgres.pid();
            postgres.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void postgresRefusesAWrongPassword() {
        try (PostgresServer postgres = PostgresServer.start(work.resolve("pg"), 0)) {
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("postgres"), PostgresServer.USER,
                    "wrong")).hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void kafkaCarriesARecordFromProducerToConsumerGroup() {
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), 0)) {
            kafka.createTopics(List.of("infra-test"), 1);
            Properties producerProps = new Properties();
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            try (var producer = new KafkaProducer<String, String>(producerProps)) {
                producer.send(new ProducerRecord<>("infra-test", "k", "hello")).get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            Properties consumerProps = new Properties();
            consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-test");
            consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            try (var consumer = new KafkaConsumer<String, String>(consumerProps)) {
                consumer.subscribe(List.of("infra-test"));
                String value = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (value == null && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    for (var record : records) {
                        value = record.value();
                    }
                }
                assertThat(value).isEqualTo("hello");
            }
        }
    }

    @Test
    void keycloakIssuesTokensWithTheRealmRoles() throws Exception {
        try (KeycloakServer keycloak = KeycloakServer.start(work.resolve("keycloak"), 0)) {
            String token = keycloak.userToken("bill", keycloak.demoPassword());
            String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            assertThat(claims).contains("\"billing-viewer\"").doesNotContain("\"billing-admin\"");

            String service = keycloak.clientToken("site-agent", keycloak.clientSecret("site-agent"));
            assertThat(service).isNotBlank();

            assertThatThrownBy(() -> keycloak.userToken("bill", "wrong-password"))
                    .hasMessageContaining("invalid_grant");
        }
        assertThat(Files.exists(work.resolve("keycloak").resolve("keycloak.log"))).isTrue();
    }
}
