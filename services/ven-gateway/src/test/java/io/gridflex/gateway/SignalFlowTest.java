package io.gridflex.gateway;

import static io.gridflex.gateway.support.VtnXml.currency;
import static io.gridflex.gateway.support.VtnXml.powerReal;
import static io.gridflex.gateway.support.VtnXml.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gridflex.gateway.event.Decision;
import io.gridflex.gateway.event.DistributionResult;
import io.gridflex.gateway.poll.VtnOutcome;
import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.TestProgram;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.gateway.support.VtnXml;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.Topics;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.OptTypeType;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every signal kind through the whole gateway with real PostgreSQL and Kafka: one oadrDistributeEvent written as a
 * third-party VTN writes it (the VTN simulator only sends LOAD_DISPATCH), handed to the handling layer as if polled,
 * while the real poll loop keeps polling the simulator. Each accepted event is published once, as DrEvent v2.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class SignalFlowTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static TestKafka kafka;

    @Inject
    Programs programs;

    @Inject
    MessageCodec codec;

    @Inject
    DataSource dataSource;

    private Registration registration;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(KafkaTestResource.adminConfig());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void registeredAndPolled() {
        registration = await("registration with the VTN").atMost(DELIVERY)
                .until(() -> TestProgram.state(programs).current().orElse(null), r -> r != null);
        // The simulator's answer to the oadrRequestEvent after registering would implicitly cancel crafted events.
        Instant registeredAt = registration.registeredAt();
        await("a poll after registering").atMost(DELIVERY)
                .until(() -> TestProgram.state(programs).lastPollAt().filter(at -> at.isAfter(registeredAt))
                        .isPresent());
    }

    @Test
    void everySignalKindIsPublishedOnceAsTheVtnMeantIt() throws SQLException {
        String suffix = Long.toString(System.nanoTime());
        Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        VtnXml.Event[] events = {
                event("delta-" + suffix, start, signal("LOAD_DISPATCH", "delta", QUARTER, "-1.2345", "-0.5")
                        .withItem(powerReal("W", "M")))
                        .resource("site-a").resource("site-b"),
                event("setpoint-" + suffix, start, signal("LOAD_DISPATCH", "setpoint", QUARTER, "800.5")
                        .withItem(powerReal("W", "k"))),
                event("cap-" + suffix, start, signal("LOAD_CONTROL", "x-loadControlSetpoint", QUARTER, "0.65")
                        .withItem(powerReal("W", "M"))),
                event("fraction-" + suffix, start, signal("LOAD_CONTROL", "x-loadControlCapacity", QUARTER, "0.4")),
                event("percent-" + suffix, start,
                        signal("LOAD_CONTROL", "x-loadControlPercentOffset", QUARTER, "30", "12.5")),
                event("offset-" + suffix, start, signal("LOAD_CONTROL", "x-loadControlLevelOffset", QUARTER, "2")),
                event("price-" + suffix, start, signal("ELECTRICITY_PRICE", "price", QUARTER, "0.12", "0.31")
                        .withItem(currency("currencyPerKWh", "currencyPerKWh", "USD", "none")))
                        .group("tou-residential"),
                event("simple-" + suffix, start, signal("SIMPLE", "level", QUARTER, "3"))
                        .startAfter(Duration.ofMinutes(10)).test(),
                event("more-" + suffix, start,
                        signal("LOAD_CONTROL", "x-loadControlPercentOffset", QUARTER, "-20"))};
        String xml = VtnXml.distribute("signals-" + suffix, registration.vtnId(), events);

        DistributionResult result = events(TestProgram.connection(programs).messages().handle(xml, registration));

        assertThat(result.decisions()).extracting(Decision::kind).containsOnly(Decision.Kind.NEW_REVISION);
        assertThat(result.decisions()).extracting(Decision::optType).containsExactly(OptTypeType.OPT_IN,
                OptTypeType.OPT_IN, OptTypeType.OPT_IN, OptTypeType.OPT_IN, OptTypeType.OPT_IN, OptTypeType.OPT_IN,
                OptTypeType.OPT_IN, OptTypeType.OPT_IN, OptTypeType.OPT_OUT);
        assertThat(result.decisions().getLast().code()).isEqualTo(OadrResponseCode.SIGNAL_NOT_SUPPORTED);

        DrEvent delta = published("delta-" + suffix);
        assertThat(delta.signal()).isEqualTo(DrEvent.Signal.REDUCTION_KW);
        assertThat(values(delta)).containsExactly(decimals("1234.5", "500"));
        assertThat(delta.targets()).isEqualTo(new DrEvent.Targets(List.of("site-a", "site-b"), List.of()));
        assertThat(delta.program()).isEqualTo(TestProgram.ID);
        assertThat(delta.intervals().getLast().end()).isEqualTo(start.plus(QUARTER.multipliedBy(2)));
        assertSignal("setpoint-" + suffix, DrEvent.Signal.IMPORT_CAP_KW, "800.5");
        assertSignal("cap-" + suffix, DrEvent.Signal.IMPORT_CAP_KW, "650");
        assertSignal("fraction-" + suffix, DrEvent.Signal.CAPACITY_FRACTION, "0.4");
        assertSignal("percent-" + suffix, DrEvent.Signal.REDUCTION_PERCENT, "30", "12.5");
        assertSignal("offset-" + suffix, DrEvent.Signal.LEVEL, "2");
        DrEvent price = assertSignal("price-" + suffix, DrEvent.Signal.PRICE, "120", "310");
        assertThat(price.currency()).isEqualTo("USD");
        assertThat(price.targets().groupIds()).containsExactly("tou-residential");
        DrEvent simple = assertSignal("simple-" + suffix, DrEvent.Signal.LEVEL, "3");
        assertThat(simple.startAfterSeconds()).isEqualTo(600);
        assertThat(simple.testEvent()).isTrue();

        Api.asOperator().get("/api/events/{id}", id("price-" + suffix)).then().statusCode(200)
                .body("signal", equalTo("PRICE"))
                .body("peakValue", equalTo(310))
                .body("currency", equalTo("USD"))
                .body("publishedAt", notNullValue());
        Api.asOperator().get("/api/events/{id}", id("more-" + suffix)).then().statusCode(200)
                .body("optType", equalTo("optOut"))
                .body("responseCode", equalTo(460))
                .body("signal", nullValue())
                .body("peakValue", nullValue());

        // The VTN repeating the same message (as it does until it hears from us) changes nothing more.
        DistributionResult repeated = events(TestProgram.connection(programs).messages().handle(xml, registration));
        assertThat(repeated.decisions()).extracting(Decision::kind).containsOnly(Decision.Kind.DUPLICATE);
        for (VtnXml.Event event : events) {
            String vtnEventId = event.eventId();
            boolean accepted = !vtnEventId.startsWith("more-");
            assertThat(outboxRows(id(vtnEventId))).as(vtnEventId).isEqualTo(accepted ? 1 : 0);
        }
        assertThat(kafka.poll(Topics.DR_EVENTS, r -> id("delta-" + suffix).equals(r.key())
                && codec.decode(DrEvent.class, r.value()).modificationNumber() == 0, Duration.ofSeconds(3)))
                .hasSize(1);
    }

    private VtnXml.Event event(String vtnEventId, Instant start, VtnXml.Signal signal) {
        return VtnXml.event(vtnEventId, start).signal(signal).ven(registration.venId()).responseRequired("never");
    }

    private DrEvent assertSignal(String vtnEventId, DrEvent.Signal signal, String... values) {
        DrEvent event = published(vtnEventId);
        assertThat(event.signal()).as(vtnEventId).isEqualTo(signal);
        assertThat(values(event)).as(vtnEventId).containsExactly(decimals(values));
        assertThat(event.program()).isEqualTo(TestProgram.ID);
        return event;
    }

    private DrEvent published(String vtnEventId) {
        String eventId = id(vtnEventId);
        DrEvent event = codec.decode(DrEvent.class, kafka.awaitRecord(Topics.DR_EVENTS,
                r -> eventId.equals(r.key()) && codec.decode(DrEvent.class, r.value()).modificationNumber() == 0,
                DELIVERY).value());
        assertThat(event.status()).isEqualTo(DrEvent.EventStatus.FAR);
        return event;
    }

    private String id(String vtnEventId) {
        return registration.vtnId() + "/" + vtnEventId;
    }

    private static DistributionResult events(VtnOutcome outcome) {
        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.EVENTS);
        return outcome.events().orElseThrow();
    }

    private static BigDecimal[] values(DrEvent event) {
        return event.intervals().stream().map(DrInterval::value).toArray(BigDecimal[]::new);
    }

    private static BigDecimal[] decimals(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toArray(BigDecimal[]::new);
    }

    /** Rows queued for the first revision; a later one (an implicit cancellation by a poll) is another matter. */
    private long outboxRows(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM gateway.outbox WHERE event_id = ? AND modification_number = 0")) {
            select.setString(1, eventId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
