package io.gridflex.gateway.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.BrokenPayloads;
import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.gateway.vtnreport.VtnReading;
import io.gridflex.gateway.vtnreport.VtnReportDesk;
import io.gridflex.gateway.vtnreport.VtnRequest;
import io.gridflex.infra.FreePort;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.Topics;
import io.gridflex.openadr.DispatchInterval;
import io.gridflex.openadr.LoadDispatchEvent;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrCanceledPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrResponseType;
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
 * A push program (OpenADR 2.0b simpleHTTP push) against the VTN simulator in its production set-up, over mutual TLS
 * both ways: the gateway registers with oadrHttpPullModel=false and its transport address, the simulator POSTs each
 * event change to the gateway's push listener with its VTN certificate, and the gateway stores, answers (a separate
 * oadrCreatedEvent) and publishes it. Beside it a pull program on the same VTN. Pushes the program must not read
 * (an untrusted certificate, broken, hostile, oversized or misaddressed bodies) are refused with a 4xx or an OpenADR
 * code, never a 5xx, and change nothing.
 */
@QuarkusTest
@WithTestResource(PushProgramTest.PushVtn.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class PushProgramTest {

    private static final Logger LOG = Logger.getLogger(PushProgramTest.class);
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenAdrXml XML = new OpenAdrXml();
    private static final String PUSH = "push-a";
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
    void aPushProgramRegistersItsTransportAddressAndDoesNotPoll() throws Exception {
        Registration registration = registered(PUSH);

        JsonNode ven = venOnTheVtn(registration.venId());
        assertThat(ven.path("venName").asText()).isEqualTo("gridflex-push");
        assertThat(ven.path("transportAddress").asText()).isEqualTo(PushVtn.publicUrl() + "/" + PUSH);
        assertThat(ven.path("lastPollAt").isNull()).isTrue();
        assertThat(programs.find(PUSH).orElseThrow().state().lastPollAt()).isEmpty();
        Api.asOperator().get("/api/programs/{id}", PUSH).then().statusCode(200)
                .body("transport", equalTo("push"))
                .body("transportAddress", equalTo(PushVtn.publicUrl() + "/" + PUSH));
        Api.asOperator().get("/api/programs/{id}", "default").then().statusCode(200)
                .body("transport", equalTo("pull"))
                .body("transportAddress", nullValue());
    }

    @Test
    void aPushedReregistrationAndCancellationAreAnsweredInTheResponseAndFollowed() throws Exception {
        Registration before = registered(PUSH);
        SSLContext vtn = PushVtn.pki.sslContext(PushVtn.vtn);

        HttpResponse<String> reregister = push(vtn, PUSH, "EiRegisterParty",
                XML.marshal(OadrMessages.requestReregistration(before.venId())));
        assertThat(openAdrCode(reregister)).isEqualTo("200");
        Registration renewed = await("registered again").atMost(PATIENCE).until(() -> current(PUSH),
                r -> r != null && r.registeredAt().isAfter(before.registeredAt()));
        assertThat(renewed.venId()).isEqualTo(before.venId());

        HttpResponse<String> cancel = push(vtn, PUSH, "EiRegisterParty", XML.marshal(OadrMessages
                .cancelPartyRegistration("cancel-" + UUID.randomUUID(), renewed.registrationId(), renewed.venId())));
        assertThat(cancel.statusCode()).isEqualTo(200);
        Object canceled = OadrMessages.body(XML.unmarshal(cancel.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(canceled).isInstanceOfSatisfying(OadrCanceledPartyRegistrationType.class, answer -> {
            assertThat(answer.getEiResponse().getResponseCode()).isEqualTo("200");
            assertThat(answer.getRegistrationID()).isEqualTo(renewed.registrationId());
        });
        // This VTN never cancelled us (the test did, with its certificate): registered afresh, under a new venID.
        Registration fresh = await("registered afresh").atMost(PATIENCE).until(() -> current(PUSH),
                r -> r != null && !r.venId().equals(renewed.venId()));
        assertThat(venOnTheVtn(fresh.venId()).path("transportAddress").asText())
                .isEqualTo(PushVtn.publicUrl() + "/" + PUSH);
    }

    @Test
    void pushedEventsAreStoredAnsweredAndPublishedOnceWithTheirModificationAndCancellation() throws Exception {
        Registration registration = registered(PUSH);
        Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String vtnEventId = PushVtn.admin("POST", "/admin/events", Map.of("reductionKw", 420, "start",
                start.toString(), "durationSeconds", 600, "venId", registration.venId())).path("eventId").asText();
        String eventId = registration.vtnId() + "/" + vtnEventId;

        DrEvent created = published(eventId, 0);
        assertThat(created.program()).isEqualTo(PUSH);
        awaitVtnRecorded(vtnEventId, 0);

        PushVtn.admin("PUT", "/admin/events/" + vtnEventId, Map.of("reductionKw", 640));
        assertThat(published(eventId, 1).intervals().getFirst().value()).isEqualByComparingTo("640");
        awaitVtnRecorded(vtnEventId, 1);

        PushVtn.admin("POST", "/admin/events/" + vtnEventId + "/cancel", null);
        assertThat(published(eventId, 2).status()).isEqualTo(DrEvent.EventStatus.CANCELLED);
        awaitVtnRecorded(vtnEventId, 2);

        List<JsonNode> distributions = pushes(registration.venId(), "oadrDistributeEvent");
        assertThat(distributions).hasSizeGreaterThanOrEqualTo(3).allSatisfy(push -> {
            assertThat(push.path("httpStatus").asInt()).isEqualTo(200);
            assertThat(push.path("answer").asText()).as("an empty 200; oadrCreatedEvent follows").isEqualTo("empty");
        });
        List<Long> revisions = kafka.poll(Topics.DR_EVENTS, r -> eventId.equals(r.key()), Duration.ofSeconds(3))
                .stream().map(r -> codec.decode(DrEvent.class, r.value()).modificationNumber()).toList();
        assertThat(revisions).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aPushedReportRequestIsAnsweredInTheHttpResponseAndReportedOn() throws Exception {
        Registration registration = registered(PUSH);
        await("our report metadata registered").atMost(PATIENCE).until(() -> PushVtn
                .admin("GET", "/admin/reports/vens/" + registration.venId(), null).path("metadataRegistrations")
                .asInt() > 0);

        String requestId = PushVtn.admin("POST", "/admin/reports/requests", Map.of("venId", registration.venId(),
                "reportName", "TELEMETRY_STATUS", "granularitySeconds", 0, "reportBackSeconds", 0))
                .path("reportRequestId").asText();

        await("the VTN took our oadrCreatedReport").atMost(PATIENCE).until(() -> "200".equals(PushVtn
                .admin("GET", "/admin/reports/requests/" + requestId, null).path("venAnswerCode").asText()));
        assertThat(pushes(registration.venId(), "oadrCreateReport")).singleElement().satisfies(push -> {
            assertThat(push.path("httpStatus").asInt()).isEqualTo(200);
            assertThat(push.path("answer").asText()).isEqualTo("oadrCreatedReport");
        });
        await("the one-shot report").atMost(PATIENCE).until(() -> PushVtn
                .admin("GET", "/admin/reports/requests/" + requestId, null).path("reports").asInt() == 1);
    }

    /**
     * The VTN's own reports over push: its oadrRegisterReport is answered in the HTTP response, carrying our request;
     * the VTN's oadrCreatedReport comes as a push of its own; its reports are pushed, stored and answered in the
     * HTTP response (oadrUpdatedReport).
     */
    @Test
    void theVtnsOwnReportsAreAskedForInTheHttpResponseAndWhatItPushesIsKept() throws Exception {
        Registration registration = registered(PUSH);
        String venId = registration.venId();
        PushVtn.admin("PUT", "/admin/vtn-reports/offers", List.of(Map.of("reportSpecifierId", "poi-push",
                "reportName", "METADATA_TELEMETRY_USAGE", "rIds", List.of("poi-1"), "minPeriodSeconds", 1,
                "maxPeriodSeconds", 60)));
        try {
            PushVtn.admin("POST", "/admin/vtn-reports/vens/" + venId + "/register", null);
            VtnReportDesk desk = programs.find(PUSH).orElseThrow().reports().vtnReports();
            VtnRequest request = await("our request, taken").atMost(PATIENCE).until(() -> desk.overview().requests()
                    .stream().filter(r -> r.reportSpecifierId().equals("poi-push")
                            && r.status() == VtnRequest.Status.ACTIVE)
                    .findFirst().orElse(null), r -> r != null);
            assertThat(request.via()).isEqualTo(VtnRequest.PIGGY_BACKED);
            assertThat(pushes(venId, "oadrRegisterReport")).last()
                    .satisfies(push -> assertThat(push.path("answer").asText()).isEqualTo("oadrRegisteredReport"));
            assertThat(pushes(venId, "oadrCreatedReport")).last().satisfies(push -> {
                assertThat(push.path("httpStatus").asInt()).isEqualTo(200);
                assertThat(push.path("answer").asText()).isEqualTo("oadrResponse");
            });

            Instant due = Instant.now().plusSeconds(3);
            await().atMost(PATIENCE).until(() -> Instant.now().isAfter(due));
            assertThat(PushVtn.admin("POST", "/admin/vtn-reports/vens/" + venId + "/deliver", null).path("pushed")
                    .asInt()).isEqualTo(1);
            JsonNode sent = PushVtn.admin("GET", "/admin/vtn-reports/requests/" + request.reportRequestId()
                    + "/sent", null);
            assertThat(sent.size()).isGreaterThanOrEqualTo(2);
            List<VtnReading> stored = desk.readings(request.reportRequestId(), null, 100);
            assertThat(stored).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertThat(stored.get(i).intervalStart()).isEqualTo(Instant.parse(sent.get(i).path("start").asText()));
                assertThat(stored.get(i).value().floatValue()).isEqualTo((float) sent.get(i).path("value").asDouble());
            }
            assertThat(pushes(venId, "oadrUpdateReport")).last()
                    .satisfies(push -> assertThat(push.path("answer").asText()).isEqualTo("oadrUpdatedReport"));
            assertThat(PushVtn.admin("GET", "/admin/vtn-reports/vens/" + venId, null).path("answers").get(0)
                    .path("responseCode").asText()).isEqualTo("200");

            assertThat(desk.operator().cancel(request.reportRequestId()).status())
                    .isEqualTo(VtnRequest.Status.CANCELLED);
        } finally {
            PushVtn.admin("PUT", "/admin/vtn-reports/offers", List.of());
        }
    }

    @Test
    void aClientCertificateTheProgramDoesNotTrustIsRefusedAndNothingIsStored() throws Exception {
        Registration registration = registered(PUSH);
        String vtnEventId = "evt-stranger-" + UUID.randomUUID();
        String body = XML.marshal(distribution(registration, vtnEventId));

        HttpResponse<String> stranger = push(PushVtn.pki.sslContext(PushVtn.stranger), PUSH, "EiEvent", body);
        assertThat(stranger.statusCode()).isEqualTo(403);
        // A certificate of another CA does not even get through the handshake.
        assertThatThrownBy(() -> push(PushVtn.foreignPki.sslContext(PushVtn.foreigner), PUSH, "EiEvent", body))
                .isInstanceOf(IOException.class);
        Api.asOperator().get("/api/events/{id}", registration.vtnId() + "/" + vtnEventId).then().statusCode(404);
    }

    /**
     * A client with a trusted certificate that sends a request's headers and then trickles (or withholds) its body
     * holds a connection only for the listener's request timeout (2 s here): the listener closes it, and serves the
     * next client as before.
     */
    @Test
    void aClientThatTricklesItsRequestIsCutOffAtTheRequestTimeout() throws Exception {
        registered(PUSH);
        SSLContext vtn = PushVtn.pki.sslContext(PushVtn.vtn);
        long begun = System.nanoTime();
        try (SSLSocket socket = (SSLSocket) vtn.getSocketFactory().createSocket("127.0.0.1", PushVtn.port)) {
            socket.setSoTimeout(15_000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /" + PUSH + "/OpenADR2/Simple/2.0b/EiEvent HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/xml\r\nContent-Length: 4000\r\n\r\n<oadrPayload").getBytes(
                            StandardCharsets.US_ASCII));
            out.flush();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the listener still holds the connection after 15 s", stillOpen);
            } catch (IOException reset) {
                read = -1;
            }
            assertThat(read).as("the listener closed the connection without an answer").isEqualTo(-1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - begun)).as("held until the request timeout, not refused")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1500));

        HttpResponse<String> next = push(vtn, PUSH, "EiEvent", "not xml");
        assertThat(next.statusCode()).isLessThan(500);
    }

    @Test
    void brokenHostileOversizedAndMisaddressedPushesGetA4xxOrAnOpenAdrCodeAndChangeNothing() throws Exception {
        Registration registration = registered(PUSH);
        SSLContext vtn = PushVtn.pki.sslContext(PushVtn.vtn);
        String vtnEventId = "evt-broken-" + UUID.randomUUID();
        String valid = XML.marshal(distribution(registration, vtnEventId));

        assertThat(push(vtn, PUSH, "EiEvent", "not xml at all").statusCode()).isEqualTo(400);
        assertThat(openAdrCode(push(vtn, PUSH, "EiEvent", valid.substring(0, valid.length() / 2)))).startsWith("4");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + valid.substring(valid.indexOf("<", 1)).replace(vtnEventId, "&x;");
        assertThat(openAdrCode(push(vtn, PUSH, "EiEvent", xxe))).startsWith("4");
        String otherVtn = XML.marshal(distribution(registration, vtnEventId, "some-other-vtn"));
        assertThat(openAdrCode(push(vtn, PUSH, "EiEvent", otherVtn))).isEqualTo("452");
        String oversized = valid + "<!--" + "x".repeat(1_048_576) + "-->";
        assertThat(push(vtn, PUSH, "EiEvent", oversized).statusCode()).isEqualTo(413);
        assertThat(push(vtn, "no-such-program", "EiEvent", valid).statusCode()).isEqualTo(404);
        assertThat(push(vtn, PUSH, "OadrPoll", valid).statusCode()).isEqualTo(404);

        OadrPayload elsewhere = OadrMessages.requestReregistration("ven-somebody-else");
        HttpResponse<String> misaddressed = push(vtn, PUSH, "EiRegisterParty", XML.marshal(elsewhere));
        assertThat(openAdrCode(misaddressed)).isEqualTo("452");

        Api.asOperator().get("/api/events/{id}", registration.vtnId() + "/" + vtnEventId).then().statusCode(404);
        assertThat(programs.find(PUSH).orElseThrow().state().current()).contains(registration);
    }

    @Test
    void aThousandBrokenPushesGetNoServerErrorAndNothingIsStored() throws Exception {
        Registration registration = registered(PUSH);
        String prefix = "evt-corpus-" + UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> corpus = BrokenPayloads.corpus(id -> XML.marshal(distribution(registration, id)), prefix, 1200,
                20_261_203L);
        HttpClient http = HttpClient.newBuilder().sslContext(PushVtn.pki.sslContext(PushVtn.vtn))
                .version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Integer> answers = new TreeMap<>();
        for (byte[] body : corpus) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(PushVtn.publicUrl() + "/" + PUSH
                    + "/OpenADR2/Simple/2.0b/EiEvent")).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            String answer = response.statusCode() == 200
                    ? "oadrResponse " + openAdrCode(response)
                    : "HTTP " + response.statusCode();
            assertThat(answer).as(new String(body, StandardCharsets.UTF_8))
                    .matches("HTTP 4\\d\\d|oadrResponse 4\\d\\d");
            answers.merge(answer, 1, Integer::sum);
        }
        LOG.infof("%d broken pushes answered: %s", corpus.size(), answers);
        List<String> stored = Api.asOperator().queryParam("limit", 500).get("/api/events").then().statusCode(200)
                .extract().jsonPath().getList("eventId", String.class);
        assertThat(stored).noneMatch(id -> id.contains(prefix));
        assertThat(programs.find(PUSH).orElseThrow().state().current()).contains(registration);
    }

    @Test
    void aPullProgramBesideItKeepsPolling() throws Exception {
        Registration registration = registered("default");
        Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String vtnEventId = PushVtn.admin("POST", "/admin/events", Map.of("reductionKw", 300, "start",
                start.toString(), "durationSeconds", 600, "venId", registration.venId())).path("eventId").asText();

        assertThat(published(registration.vtnId() + "/" + vtnEventId, 0).program()).isEqualTo("default");
        assertThat(venOnTheVtn(registration.venId()).path("transportAddress").isNull()).isTrue();
        assertThat(PushVtn.admin("GET", "/admin/pushes?venId=" + registration.venId(), null)).isEmpty();
    }

    private Registration registered(String program) {
        return await(program + " registered").atMost(PATIENCE)
                .until(() -> programs.find(program).orElseThrow().state().current().orElse(null), r -> r != null);
    }

    private Registration current(String program) {
        return programs.find(program).orElseThrow().state().current().orElse(null);
    }

    private DrEvent published(String eventId, long modificationNumber) {
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.DR_EVENTS, r -> eventId.equals(r.key())
                && codec.decode(DrEvent.class, r.value()).modificationNumber() == modificationNumber, PATIENCE);
        return codec.decode(DrEvent.class, record.value());
    }

    private static void awaitVtnRecorded(String vtnEventId, long modificationNumber) {
        await("the VTN recorded our optIn to modification " + modificationNumber).atMost(PATIENCE).until(() -> {
            JsonNode delivery = PushVtn.admin("GET", "/admin/events/" + vtnEventId, null).path("vens").path(0);
            return "optIn".equals(delivery.path("optType").asText())
                    && delivery.path("modificationNumber").asLong(-1) == modificationNumber;
        });
    }

    /** What the VTN pushed to a VEN, of one message type, oldest first. */
    private static List<JsonNode> pushes(String venId, String message) throws Exception {
        List<JsonNode> pushes = new ArrayList<>();
        PushVtn.admin("GET", "/admin/pushes?venId=" + venId, null).forEach(push -> {
            if (message.equals(push.path("message").asText())) {
                pushes.add(push);
            }
        });
        return pushes;
    }

    private static JsonNode venOnTheVtn(String venId) throws Exception {
        for (JsonNode ven : PushVtn.admin("GET", "/admin/vens", null)) {
            if (venId.equals(ven.path("venId").asText())) {
                return ven;
            }
        }
        throw new AssertionError("the VTN does not know venID " + venId);
    }

    private static OadrPayload distribution(Registration registration, String vtnEventId) {
        return distribution(registration, vtnEventId, registration.vtnId());
    }

    private static OadrPayload distribution(Registration registration, String vtnEventId, String vtnId) {
        Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        return OadrMessages.distributeEvent("dist-" + UUID.randomUUID(), vtnId, new LoadDispatchEvent(vtnEventId, 0,
                "oadr://gridflex.io/programs/load-dispatch", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                EventStatusEnumeratedType.FAR, start, List.of(new DispatchInterval(Duration.ofMinutes(10), -0.5)),
                List.of(registration.venId()), true));
    }

    /** POSTs {@code body} to a program's service on the push listener, as the holder of {@code tls}'s certificate. */
    private static HttpResponse<String> push(SSLContext tls, String program, String service, String body)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = http.send(HttpRequest
                .newBuilder(URI.create(PushVtn.publicUrl() + "/" + program + "/OpenADR2/Simple/2.0b/" + service))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("never a 5xx: " + response.body()).isLessThan(500);
        return response;
    }

    /** The responseCode of the oadrResponse a push was answered with (HTTP 200). */
    private static String openAdrCode(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Object body = OadrMessages.body(XML.unmarshal(response.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(body).isInstanceOf(OadrResponseType.class);
        return ((OadrResponseType) body).getEiResponse().getResponseCode();
    }

    /**
     * The PKI, the simulator in its mutual-TLS profile, and the two programs on it: {@code push-a} (push, the VTN's
     * certificate pinned for both directions) and {@code default} (pull). A test resource, so the test and the
     * resource share these statics.
     */
    public static class PushVtn implements QuarkusTestResourceLifecycleManager {

        static TestPki pki;
        static TestPki foreignPki;
        static Identity vtn;
        static Identity stranger;
        static Identity foreigner;
        private static Identity ven;
        static int port;
        private static VtnSimulator simulator;

        static String publicUrl() {
            return "https://127.0.0.1:" + port;
        }

        @Override
        public Map<String, String> start() {
            pki = TestPki.create(TestPki.inTarget("push-program"), "Push Program", KeyType.EC);
            foreignPki = TestPki.create(TestPki.inTarget("push-program-foreign"), "Foreign", KeyType.EC);
            vtn = pki.server("vtn", KeyType.EC);
            ven = pki.client("gridflex-ven", KeyType.EC);
            stranger = pki.client("stranger", KeyType.EC);
            foreigner = foreignPki.client("foreigner", KeyType.EC);
            Identity listener = pki.server("ven-push-listener", KeyType.EC);
            simulator = VtnSimulator.startTls(pki.sslContext(ven), Map.of(
                    "quarkus.tls.openadr.key-store.pem.vtn.cert", vtn.certificate().toString(),
                    "quarkus.tls.openadr.key-store.pem.vtn.key", vtn.key().toString(),
                    "quarkus.tls.openadr.trust-store.pem.certs", pki.caCertificate().toString()));
            port = FreePort.pick();

            Map<String, String> config = new HashMap<>();
            config.put("gridflex.gateway.push.host", "127.0.0.1");
            config.put("gridflex.gateway.push.port", Integer.toString(port));
            config.put("gridflex.gateway.push.public-url", publicUrl());
            config.put("gridflex.gateway.push.certificate", listener.certificate().toString());
            config.put("gridflex.gateway.push.key", listener.key().toString());
            // As the surefire configuration sets the JDK server's limits for the whole test JVM (pom.xml).
            config.put("gridflex.gateway.push.request-timeout", "2s");
            program(config, "default", null);
            program(config, PUSH, Fingerprint.sha256(vtn.leaf()).toString());
            config.put("gridflex.gateway.programs." + PUSH + ".transport", "push");
            config.put("gridflex.gateway.programs." + PUSH + ".ven-name", "gridflex-push");
            config.put("gridflex.gateway.programs." + PUSH + ".resources.plant-p.sites", "push-test-site");
            config.put("gridflex.gateway.programs." + PUSH + ".vtn-reports.poi.report", "poi-push");
            config.put("gridflex.gateway.programs." + PUSH + ".vtn-reports.poi.granularity", "1s");
            config.put("gridflex.gateway.programs." + PUSH + ".vtn-reports.poi.report-back", "2s");
            return config;
        }

        private static void program(Map<String, String> config, String id, String pinned) {
            String prefix = "gridflex.gateway.programs." + id + ".";
            config.put(prefix + "vtn.url", simulator.baseUrl());
            config.put(prefix + "ven-name", "gridflex-" + id);
            config.put(prefix + "tls.certificate", ven.certificate().toString());
            config.put(prefix + "tls.key", ven.key().toString());
            config.put(prefix + "tls.trusted-certificates", pki.caCertificate().toString());
            if (pinned != null) {
                config.put(prefix + "tls.pinned-fingerprints", pinned);
            }
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
                    .timeout(Duration.ofSeconds(20));
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
