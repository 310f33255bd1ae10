package io.gridflex.gateway.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.Topics;
import io.gridflex.openadr.pki.Fingerprint;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A program as a production VTN demands it, against the VTN simulator in its production set-up: HTTPS only, TLS 1.2
 * with the OpenADR suites and client certificates both ways, the VTN's certificate pinned, and every payload signed
 * both ways with ReplayProtect. Beside it, two programs each failing one of the two layers: one signs with a
 * certificate the VTN does not trust (its TLS is fine), one pins a certificate the VTN does not present.
 */
@QuarkusTest
@WithTestResource(SecureProgramTest.SecureVtn.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class SecureProgramTest {

    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestKafka kafka;

    @Inject
    Programs programs;

    @Inject
    MessageCodec codec;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(KafkaTestResource.adminConfig());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void registersAndReceivesEventsOverMutualTlsWithSignaturesBothWays() throws Exception {
        Registration registration = await("secure program registered").atMost(PATIENCE)
                .until(() -> state("secure").current().orElse(null), r -> r != null);
        assertThat(registration.vtnUrl()).startsWith("https://");

        JsonNode vens = SecureVtn.admin("GET", "/admin/vens", null);
        assertThat(vens.findValuesAsText("venName")).contains("gridflex-secure");

        Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String vtnEventId = SecureVtn.admin("POST", "/admin/events", Map.of("reductionKw", 420, "start",
                start.toString(), "durationSeconds", 600, "venId", registration.venId())).path("eventId").asText();
        String eventId = registration.vtnId() + "/" + vtnEventId;
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.DR_EVENTS, r -> eventId.equals(r.key()),
                PATIENCE);
        DrEvent event = codec.decode(DrEvent.class, record.value());
        assertThat(event.program()).isEqualTo("secure");
        await("the VTN recorded our signed optIn").atMost(PATIENCE).until(() -> "optIn".equals(SecureVtn
                .admin("GET", "/admin/events/" + vtnEventId, null).path("vens").path(0).path("optType").asText()));
    }

    @Test
    void aProgramSigningWithACertificateTheVtnDoesNotTrustIsNeverRegistered() {
        await("the VTN refused the untrusted signature").atMost(PATIENCE)
                .until(() -> state("untrusted-signer").lastProblem().orElse(""), problem -> problem.contains("463"));
        assertThat(state("untrusted-signer").current()).isEmpty();
    }

    @Test
    void aProgramPinningAnotherCertificateNeverTalksToTheVtn() {
        await("the pin refused the VTN's certificate").atMost(PATIENCE)
                .until(() -> state("pinned-elsewhere").lastProblem().orElse(""), problem -> !problem.isEmpty());
        assertThat(state("pinned-elsewhere").current()).isEmpty();
    }

    private RegistrationState state(String program) {
        return programs.find(program).orElseThrow().state();
    }

    /**
     * The PKI, the simulator in its mutual-TLS profile with signatures on, and the three programs pointing at it.
     * A test resource, so that the test and the resource share these statics.
     */
    public static class SecureVtn implements QuarkusTestResourceLifecycleManager {

        private static TestPki pki;
        private static Identity ven;
        private static VtnSimulator simulator;

        @Override
        public Map<String, String> start() {
            pki = TestPki.create(TestPki.inTarget("secure-program"), "Secure Program", KeyType.EC);
            Identity vtn = pki.server("vtn", KeyType.EC);
            ven = pki.client("gridflex-ven", KeyType.EC);
            Identity stranger = pki.client("stranger", KeyType.EC);
            Identity otherServer = pki.server("other-vtn", KeyType.EC);
            simulator = VtnSimulator.startTls(pki.sslContext(ven), Map.of(
                    "quarkus.tls.openadr.key-store.pem.vtn.cert", vtn.certificate().toString(),
                    "quarkus.tls.openadr.key-store.pem.vtn.key", vtn.key().toString(),
                    "quarkus.tls.openadr.trust-store.pem.certs", pki.caCertificate().toString(),
                    "gridflex.vtn.signature.key", vtn.key().toString(),
                    "gridflex.vtn.signature.certificate", vtn.certificate().toString(),
                    "gridflex.vtn.signature.trusted-certificates", ven.certificate().toString()));

            Map<String, String> config = new HashMap<>();
            config.put("gridflex.gateway.programs.default.vtn.url", VtnSimulator.shared().baseUrl());
            program(config, "secure", vtn, ven, Fingerprint.sha256(vtn.leaf()).toString(),
                    Fingerprint.openLeadr(vtn.leaf()).toString());
            program(config, "untrusted-signer", vtn, stranger, Fingerprint.sha256(vtn.leaf()).toString(),
                    Fingerprint.sha256(vtn.leaf()).toString());
            program(config, "pinned-elsewhere", vtn, ven, Fingerprint.sha256(otherServer.leaf()).toString(),
                    Fingerprint.sha256(vtn.leaf()).toString());
            return config;
        }

        /**
         * A program on the TLS simulator: TLS with {@code ven}'s client certificate, the VTN pinned by
         * {@code pinned}; signatures with {@code signer}'s key, the VTN's trusted by {@code vtnSignerFingerprint}.
         */
        private static void program(Map<String, String> config, String id, Identity vtn, Identity signer,
                String pinned, String vtnSignerFingerprint) {
            String prefix = "gridflex.gateway.programs." + id + ".";
            config.put(prefix + "vtn.url", simulator.baseUrl() + "/OpenADR2/Simple/2.0b");
            config.put(prefix + "ven-name", "gridflex-" + id);
            config.put(prefix + "tls.certificate", ven.certificate().toString());
            config.put(prefix + "tls.key", ven.key().toString());
            config.put(prefix + "tls.trusted-certificates", pki.caCertificate().toString());
            config.put(prefix + "tls.pinned-fingerprints", pinned);
            config.put(prefix + "signature.key", signer.key().toString());
            config.put(prefix + "signature.certificate", signer.certificate().toString());
            config.put(prefix + "signature.trusted-fingerprints", vtnSignerFingerprint);
        }

        @Override
        public void stop() {
            if (simulator != null) {
                simulator.close();
            }
        }

        /** The simulator's admin API, over its mutual TLS with the VEN's certificate. */
        static JsonNode admin(String method, String path, Object body) throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder().sslContext(pki.sslContext(ven)).build();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return JSON.readTree(response.body());
        }
    }
}
