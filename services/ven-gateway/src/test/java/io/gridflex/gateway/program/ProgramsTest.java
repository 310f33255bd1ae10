package io.gridflex.gateway.program;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationKeeper;
import io.gridflex.gateway.registration.RegistrationRepository;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.VtnAdmin;
import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.Topics;
import io.gridflex.support.db.Transactions;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One gateway, several programs side by side: two on the VTN simulator under their own venNames (one configured with
 * the simpleHttp path in its URL, one without), and one whose VTN accepts connections and never answers. Each program
 * registers on its own, its events carry its program id, and the hanging VTN holds up no other program.
 */
@QuarkusTest
@WithTestResource(ProgramsTest.ThreePrograms.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class ProgramsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String ALPHA_VEN_ID = "ven-alpha-allocated";
    static final String ALPHA_EXTRA_CONTEXT = "oadr://gridflex.io/programs/alpha-extra";
    private static TestKafka kafka;

    @Inject
    Programs programs;

    @Inject
    MessageCodec codec;

    @Inject
    RegistrationRepository registrations;

    @Inject
    Transactions transactions;

    private final VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(KafkaTestResource.adminConfig());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void eachProgramRegistersOnItsOwnAndItsEventsCarryItsId() {
        Registration alpha = registered("alpha");
        Registration beta = registered("beta");
        assertThat(alpha.venId()).isNotEqualTo(beta.venId());
        assertThat(alpha.vtnUrl()).isEqualTo(beta.vtnUrl()).isEqualTo(VtnSimulator.shared().baseUrl());

        Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String forAlpha = vtn.createEvent(alpha.venId(), 700, start, 600);
        String forBeta = vtn.createEvent(beta.venId(), 300, start, 600);

        DrEvent alphaEvent = published(alpha.vtnId() + "/" + forAlpha);
        DrEvent betaEvent = published(beta.vtnId() + "/" + forBeta);
        assertThat(alphaEvent.program()).isEqualTo("alpha");
        assertThat(betaEvent.program()).isEqualTo("beta");
        Api.asOperator().get("/api/events/{id}", alpha.vtnId() + "/" + forAlpha).then().statusCode(200)
                .body("program", equalTo("alpha"));
    }

    @Test
    void aVenIdAllocatedInAdvanceIsPresentedAndKept() {
        Registration alpha = registered("alpha");

        assertThat(alpha.venId()).isEqualTo(ALPHA_VEN_ID);
        assertThat(vtn.registrationMessages()).anySatisfy(message -> assertThat(message)
                .containsEntry("type", "oadrCreatePartyRegistration").containsEntry("venId", ALPHA_VEN_ID)
                .containsEntry("registrationId", null).containsEntry("answerCode", 200));
    }

    @Test
    void eventsOfEveryListedMarketContextAreTakenAndOthersDeclinedAndNeverPublished() {
        Registration alpha = registered("alpha");
        Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String foreign = vtn.createEvent(alpha.venId(), 200, start, 600, "oadr://gridflex.io/programs/elsewhere");
        String extra = vtn.createEvent(alpha.venId(), 400, start, 600, ALPHA_EXTRA_CONTEXT);
        String usual = vtn.createEvent(alpha.venId(), 500, start, 600);

        assertThat(published(alpha.vtnId() + "/" + extra).marketContext()).isEqualTo(ALPHA_EXTRA_CONTEXT);
        assertThat(published(alpha.vtnId() + "/" + usual).marketContext())
                .isEqualTo("oadr://gridflex.io/programs/load-dispatch");
        await("the VTN hears the optOut").atMost(PATIENCE)
                .until(() -> vtn.delivery(foreign, alpha.venId()).get("optType") != null);
        assertThat(vtn.delivery(foreign, alpha.venId())).containsEntry("optType", "optOut")
                .containsEntry("responseCode", "200");
        Api.asOperator().get("/api/events/{id}", alpha.vtnId() + "/" + foreign).then().statusCode(200)
                .body("optType", equalTo("optOut"))
                .body("reason", containsString("market context oadr://gridflex.io/programs/elsewhere is not one of"))
                .body("publishedAt", equalTo(null));
        // Published in order: the events after it are on Kafka, it is not.
        assertThat(kafka.poll(Topics.DR_EVENTS, r -> (alpha.vtnId() + "/" + foreign).equals(r.key()),
                Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void anOperatorEndsTheRegistrationAndItStaysEndedUntilAskedAgain() {
        Registration before = registered("alpha");
        String cancel = "/api/programs/{id}/registration/cancel";
        Api.as("audrey").post(cancel, "alpha").then().statusCode(403);

        Api.asOperator().post(cancel, "alpha").then().statusCode(200)
                .body("registered", equalTo(false))
                .body("registrationCancelled", equalTo(true));

        assertThat(vtn.registeredVenIds()).doesNotContain(ALPHA_VEN_ID);
        assertThat(vtn.registrationMessages().getLast()).containsEntry("type", "oadrCancelPartyRegistration")
                .containsEntry("venId", ALPHA_VEN_ID).containsEntry("registrationId", before.registrationId())
                .containsEntry("answerCode", 200);
        Instant lastPoll = lastPoll("alpha");
        int messages = vtn.registrationMessages().size();
        // The VTN asks for a poll a second: three go by without one, and without a new registration.
        await().pollDelay(Duration.ofSeconds(3)).atMost(PATIENCE).until(() -> true);
        assertThat(lastPoll("alpha")).isEqualTo(lastPoll);
        assertThat(vtn.registrationMessages()).hasSize(messages);
        Api.asOperator().post(cancel, "alpha").then().statusCode(409).body("error", equalTo("not-registered"));
        // A restarted gateway finds the hold and keeps the program unregistered.
        ProgramConnection alpha = programs.find("alpha").orElseThrow();
        RegistrationState restarted = new RegistrationState(alpha.config().poll());
        new RegistrationKeeper("alpha", null, registrations, restarted, transactions, alpha.vtn(), Optional.empty())
                .restoreHold();
        assertThat(restarted.held()).isTrue();
        Api.asOperator().post("/api/programs/{id}/registration/query", "alpha").then().statusCode(409);

        Api.asOperator().post("/api/programs/{id}/registration", "alpha").then().statusCode(202);

        Registration after = registered("alpha");
        assertThat(after.venId()).isEqualTo(ALPHA_VEN_ID);
        assertThat(after.registrationId()).isNotEqualTo(before.registrationId());
        // A fresh registration: the query first, then the allocated venID without the old registrationID.
        List<Map<String, Object>> sent = vtn.registrationMessages();
        assertThat(sent.subList(messages, sent.size()))
                .extracting(m -> m.get("type"), m -> m.get("venId"), m -> m.get("registrationId"))
                .containsExactly(tuple("oadrQueryRegistration", null, null),
                        tuple("oadrCreatePartyRegistration", ALPHA_VEN_ID, null));
        await("alpha polls again").atMost(PATIENCE).until(() -> lastPoll("alpha").isAfter(lastPoll));
        Api.asOperator().get("/api/programs/{id}", "alpha").then().statusCode(200)
                .body("registrationCancelled", equalTo(false));
        RegistrationState restartedAgain = new RegistrationState(alpha.config().poll());
        new RegistrationKeeper("alpha", null, registrations, restartedAgain, transactions, alpha.vtn(),
                Optional.empty()).restoreHold();
        assertThat(restartedAgain.held()).isFalse();
    }

    @Test
    void aQueryWhileRegisteredKeepsTheRegistrationAndThePollInterval() {
        Registration beta = registered("beta");
        long queriesBefore = queries();

        Api.asOperator().post("/api/programs/{id}/registration/query", "beta").then().statusCode(200)
                .body("registered", equalTo(true))
                .body("venId", equalTo(beta.venId()))
                .body("registrationId", equalTo(beta.registrationId()))
                .body("pollInterval", equalTo("PT1S"));

        assertThat(queries()).isEqualTo(queriesBefore + 1);
        assertThat(vtn.registeredVenIds()).contains(beta.venId());
        Instant queriedAt = Instant.now();
        await("beta polls on").atMost(PATIENCE).until(() -> lastPoll("beta").isAfter(queriedAt));
        assertThat(programs.find("beta").orElseThrow().state().current()).contains(beta);
    }

    private long queries() {
        return vtn.registrationMessages().stream()
                .filter(message -> "oadrQueryRegistration".equals(message.get("type"))).count();
    }

    @Test
    void aVtnThatNeverAnswersHoldsUpNoOtherProgram() {
        registered("alpha");
        registered("beta");
        Instant before = lastPoll("alpha");

        await("alpha polls on while the hanging VTN holds its own program").atMost(PATIENCE)
                .until(() -> lastPoll("alpha").isAfter(before.plusSeconds(3)));
        RegistrationState hanging = programs.find("hanging").orElseThrow().state();
        // Still waiting on its first exchange: a VTN that failed fast would have left a problem by now.
        assertThat(hanging.current()).isEmpty();
        assertThat(hanging.lastProblem()).isEmpty();
        assertThat(hanging.lastPollAt()).isEmpty();
        Api.asOperator().get("/api/programs/{id}", "hanging").then().statusCode(200)
                .body("registered", equalTo(false));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'vtn-registration' }.data.hanging", containsString("not registered"));
    }

    private Registration registered(String program) {
        return await(program + " registered").atMost(PATIENCE).until(
                () -> programs.find(program).orElseThrow().state().current().orElse(null), r -> r != null);
    }

    private DrEvent published(String eventId) {
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.DR_EVENTS, r -> eventId.equals(r.key()),
                PATIENCE);
        return codec.decode(DrEvent.class, record.value());
    }

    private Instant lastPoll(String program) {
        return programs.find(program).orElseThrow().state().lastPollAt().orElse(Instant.EPOCH);
    }

    /** A VTN that accepts every connection and never says a word, keeping each one open until closed. */
    static final class HangingVtn implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        HangingVtn() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofVirtual().name("hanging-vtn").start(() -> {
                while (!server.isClosed()) {
                    try {
                        accepted.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : accepted) {
                    socket.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The programs, given as a test resource rather than a profile: resources run in the test's own class loader, so
     * {@link VtnSimulator#shared()} is the very simulator the test talks to.
     */
    public static class ThreePrograms implements QuarkusTestResourceLifecycleManager {

        private HangingVtn hanging;

        @Override
        public Map<String, String> start() {
            hanging = new HangingVtn();
            String simulator = VtnSimulator.shared().baseUrl();
            new VtnAdmin(simulator).preallocate(ALPHA_VEN_ID);
            return Map.ofEntries(Map.entry("gridflex.gateway.programs.alpha.ven-id", ALPHA_VEN_ID),
                    Map.entry("gridflex.gateway.programs.alpha.market-contexts",
                            "oadr://gridflex.io/programs/load-dispatch," + ALPHA_EXTRA_CONTEXT),
                    Map.entry("gridflex.gateway.programs.default.vtn.url", simulator),
                    Map.entry("gridflex.gateway.programs.alpha.vtn.url", simulator),
                    Map.entry("gridflex.gateway.programs.alpha.ven-name", "gridflex-alpha"),
                    Map.entry("gridflex.gateway.programs.beta.vtn.url", simulator + "/OpenADR2/Simple/2.0b/"),
                    Map.entry("gridflex.gateway.programs.beta.ven-name", "gridflex-beta"),
                    Map.entry("gridflex.gateway.programs.hanging.vtn.url", hanging.url()),
                    Map.entry("gridflex.gateway.programs.hanging.ven-name", "gridflex-hanging"),
                    Map.entry("gridflex.gateway.programs.hanging.vtn.request-timeout", "5m"));
        }

        @Override
        public void stop() {
            hanging.close();
        }
    }
}
