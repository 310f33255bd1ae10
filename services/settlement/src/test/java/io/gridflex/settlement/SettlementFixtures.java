package io.gridflex.settlement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * What the integration tests share: real Kafka messages built with the real codec, real tokens, and reading counters.
 * Every test uses ids of its own, because the servers live as long as the test JVM.
 */
public final class SettlementFixtures {

    /** Numbers in response bodies are read as exact decimals, so a test sees 1.200 and not 1.2000000476837158. */
    public static final RestAssuredConfig EXACT_DECIMALS = RestAssured.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    private static final MessageCodec CODEC = new MessageCodec();
    private static TestKafka kafka;

    private SettlementFixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static synchronized TestKafka kafka() {
        if (kafka == null) {
            kafka = new TestKafka(KafkaTestResource.bootstrapServers());
        }
        return kafka;
    }

    public static RequestSpecification as(String user) {
        return RestAssured.given().config(EXACT_DECIMALS)
                .auth().oauth2(KeycloakTestResource.accessToken(user, KeycloakTestResource.DEMO_PASSWORD));
    }

    public static void sendTelemetry(String siteId, Instant start, int seconds, String energyKwh) {
        double kwh = Double.parseDouble(energyKwh);
        double kw = new BigDecimal(energyKwh).multiply(BigDecimal.valueOf(3600))
                .divide(BigDecimal.valueOf(seconds), MathContext.DECIMAL64).doubleValue();
        SiteTelemetry telemetry = new SiteTelemetry(siteId, start, start.plusSeconds(seconds), kw, kwh, 0, 1000, 10,
                10, null);
        kafka().send(Topics.SITE_TELEMETRY, siteId, CODEC.encode(telemetry));
    }

    /** {@code count} back-to-back 10 s intervals of equal energy from {@code start}. */
    public static void sendSteps(String siteId, Instant start, int count, String energyKwh) {
        for (int i = 0; i < count; i++) {
            sendTelemetry(siteId, start.plusSeconds(10L * i), 10, energyKwh);
        }
    }

    public static void sendEvent(String eventId, long modificationNumber, Instant start, Instant end) {
        String[] parts = eventId.split("/", 2);
        DrEvent event = new DrEvent(eventId, parts[0], parts[1], modificationNumber, "http://market.example/dr",
                DrEvent.EventStatus.ACTIVE, start, end, List.of(new DrInterval(start, end, 500)), 0, false,
                start.minusSeconds(300));
        kafka().send(Topics.DR_EVENTS, eventId, CODEC.encode(event));
    }

    public static void sendShed(String eventId, String siteId, long revision, double shedKw, Instant start,
            Instant end) {
        SiteCommand command = new SiteCommand(SiteCommand.commandId(eventId, revision, siteId), siteId, eventId,
                revision, SiteCommand.Action.SHED, shedKw, start, end, start.minusSeconds(60));
        kafka().send(Topics.SITE_COMMANDS, siteId, CODEC.encode(command));
    }

    public static void sendCancel(String eventId, String siteId, long revision, Instant start, Instant end,
            Instant issuedAt) {
        SiteCommand command = new SiteCommand(SiteCommand.commandId(eventId, revision, siteId), siteId, eventId,
                revision, SiteCommand.Action.CANCEL, 0, start, end, issuedAt);
        kafka().send(Topics.SITE_COMMANDS, siteId, CODEC.encode(command));
    }

    public static double rejected(MeterRegistry registry, String topic, String reason) {
        Counter counter = registry.find("gridflex.messages.rejected").tags("topic", topic, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    public static double counted(MeterRegistry registry, String name) {
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
