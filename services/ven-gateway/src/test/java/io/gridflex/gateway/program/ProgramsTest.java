package io.gridflex.gateway.program;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.VtnAdmin;
import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.Topics;
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
    private static TestKafka kafka;

    @Inject
    Programs programs;

    @Inject
    MessageCodec codec;

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
            return Map.of(
                    "gridflex.gateway.programs.default.vtn.url", simulator,
                    "gridflex.gateway.programs.alpha.vtn.url", simulator,
                    "gridflex.gateway.programs.alpha.ven-name", "gridflex-alpha",
                    "gridflex.gateway.programs.beta.vtn.url", simulator + "/OpenADR2/Simple/2.0b/",
                    "gridflex.gateway.programs.beta.ven-name", "gridflex-beta",
                    "gridflex.gateway.programs.hanging.vtn.url", hanging.url(),
                    "gridflex.gateway.programs.hanging.ven-name", "gridflex-hanging",
                    "gridflex.gateway.programs.hanging.vtn.request-timeout", "5m");
        }

        @Override
        public void stop() {
            hanging.close();
        }
    }
}
