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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.gridflex.messages.access.KafkaProvisioning;
import io.gridflex.messages.access.Passwords;

/**
 * Each launcher starts the real server, which then does real work, and stops it again. The tests run side by side
 * (each has its own directory and free ports): Keycloak's first start, which builds it, overlaps the others.
 */
@Execution(ExecutionMode.CONCURRENT)
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
    void kafkaCarriesARecordBetweenAuthenticatedPrincipalsWithTheirAcls() {
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), 0);
                Admin admin = Admin.create(kafka.adminConfig())) {
            kafka.createTopics(List.of("infra-test"), 1);
            KafkaProvisioning provisioning = new KafkaProvisioning(admin, Duration.ofSeconds(30));
            String password = Passwords.generate();
            provisioning.credentials("infra-user", password);
            provisioning.grant(List.of(allow("infra-user", ResourceType.TOPIC, "infra-test", AclOperation.WRITE),
                    allow("infra-user", ResourceType.TOPIC, "infra-test", AclOperation.READ),
                    allow("infra-user", ResourceType.GROUP, "infra-test", AclOperation.READ)));

            try (var producer = producer(kafka.clientConfig("infra-user", password))) {
                producer.send(new ProducerRecord<>("infra-test", "k", "hello")).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            try (var consumer = consumer(kafka.clientConfig("infra-user", password))) {
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
    void kafkaRefusesWhoeverIsNotAuthenticatedOrNotAllowed() {
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka-refusals"), 0);
                Admin admin = Admin.create(kafka.adminConfig())) {
            kafka.createTopics(List.of("infra-test"), 1);
            KafkaProvisioning provisioning = new KafkaProvisioning(admin, Duration.ofSeconds(30));
            String password = Passwords.generate();
            provisioning.credentials("nobody-special", password);

            // No TLS, no SASL: the client listener does not even complete a handshake.
            Map<String, Object> plaintext = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            assertThatThrownBy(() -> send(plaintext))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            // TLS but a wrong password.
            assertThatThrownBy(() -> send(kafka.clientConfig("nobody-special", "wrong")))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
            // Authenticated, but no ACL allows it.
            assertThatThrownBy(() -> send(kafka.clientConfig("nobody-special", password)))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static void send(Map<String, Object> config) throws Exception {
        Map<String, Object> quick = new java.util.HashMap<>(config);
        quick.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        quick.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        quick.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        try (var producer = producer(quick)) {
            producer.send(new ProducerRecord<>("infra-test", "k", "forbidden")).get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> config) {
        Map<String, Object> props = new java.util.HashMap<>(config);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> config) {
        Map<String, Object> props = new java.util.HashMap<>(config);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
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
