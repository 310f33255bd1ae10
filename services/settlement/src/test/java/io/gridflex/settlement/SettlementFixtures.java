package io.gridflex.settlement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;
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

    public static final String PROGRAM = "prog-test";

    private static final MessageCodec CODEC = new MessageCodec();
    private static TestKafka kafka;

    private SettlementFixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static synchronized TestKafka kafka() {
        if (kafka == null) {
            kafka = new TestKafka(KafkaTestResource.adminConfig());
        }
        return kafka;
    }

    public static MessageCodec codec() {
        return CODEC;
    }

    public static RequestSpecification as(String user) {
        return RestAssured.given().config(EXACT_DECIMALS)
                .auth().oauth2(KeycloakTestResource.accessToken(user, KeycloakTestResource.demoPassword()));
    }

    public static SiteTelemetry telemetry(String siteId, Instant start, int seconds, String energyKwh) {
        double kwh = Double.parseDouble(energyKwh);
        double kw = new BigDecimal(energyKwh).multiply(BigDecimal.valueOf(3600))
                .divide(BigDecimal.valueOf(seconds), MathContext.DECIMAL64).doubleValue();
        return new SiteTelemetry(siteId, start, start.plusSeconds(seconds), kw, kwh, kw, null, 1000, 0, 0, 1000,
                new SiteTelemetry.MinerCounts(10, 10, 0, 0, 0), 1000.0, 30.0, null, SiteTelemetry.Source.METER, 1.0);
    }

    /** As {@link #telemetry(String, Instant, int, String)}, summed from the miners, covering part of the site. */
    public static SiteTelemetry partialTelemetry(String siteId, Instant start, int seconds, String energyKwh,
            double coverage) {
        SiteTelemetry whole = telemetry(siteId, start, seconds, energyKwh);
        return new SiteTelemetry(siteId, start, whole.intervalEnd(), whole.averageKw(), whole.energyKwh(),
                whole.miningKw(), whole.dataCentreKw(), whole.sheddableKw(), whole.shedKw(), whole.targetShedKw(),
                whole.maxImportKw(), whole.miners(), whole.hashrateThs(), whole.efficiencyJPerTh(),
                whole.scheduleRevision(), SiteTelemetry.Source.MINERS, coverage);
    }

    /** As {@link #telemetry(String, Instant, int, String)}, from a site executing schedule {@code revision}. */
    public static SiteTelemetry telemetryHolding(String siteId, Instant start, int seconds, String energyKwh,
            long revision) {
        SiteTelemetry whole = telemetry(siteId, start, seconds, energyKwh);
        return new SiteTelemetry(siteId, start, whole.intervalEnd(), whole.averageKw(), whole.energyKwh(),
                whole.miningKw(), whole.dataCentreKw(), whole.sheddableKw(), whole.shedKw(), whole.targetShedKw(),
                whole.maxImportKw(), whole.miners(), whole.hashrateThs(), whole.efficiencyJPerTh(), revision,
                whole.source(), whole.coverage());
    }

    public static void sendTelemetry(String siteId, Instant start, int seconds, String energyKwh) {
        send(telemetry(siteId, start, seconds, energyKwh));
    }

    /** {@code count} back-to-back 10 s intervals of equal energy from {@code start}. */
    public static void sendSteps(String siteId, Instant start, int count, String energyKwh) {
        for (int i = 0; i < count; i++) {
            sendTelemetry(siteId, start.plusSeconds(10L * i), 10, energyKwh);
        }
    }

    public static DrEvent event(String eventId, long modificationNumber, Instant start, Instant end) {
        return event(eventId, modificationNumber, start, end, PROGRAM);
    }

    public static DrEvent event(String eventId, long modificationNumber, Instant start, Instant end,
            String program) {
        String[] parts = eventId.split("/", 2);
        return new DrEvent(eventId, parts[0], parts[1], modificationNumber, program, "http://market.example/dr",
                DrEvent.EventStatus.ACTIVE, start, end, DrEvent.Signal.REDUCTION_KW, null,
                List.of(new DrInterval(start, end, new BigDecimal("500"))), DrEvent.Targets.all(), 0, 0, false,
                start.minusSeconds(300));
    }

    public static void sendEvent(String eventId, long modificationNumber, Instant start, Instant end) {
        send(event(eventId, modificationNumber, start, end));
    }

    /** A segment whose shed is the sum of its contributions, as dispatch states it. */
    public static ScheduleSegment segment(Instant start, Instant end, ScheduleSegment.Contribution... contributions) {
        double shed = List.of(contributions).stream().mapToDouble(ScheduleSegment.Contribution::kw).sum();
        return new ScheduleSegment(start, end, shed, null, List.of(contributions));
    }

    public static ScheduleSegment.Contribution share(String eventId, double kw) {
        return new ScheduleSegment.Contribution(eventId, PROGRAM, ScheduleSegment.Kind.EVENT, kw, null);
    }

    public static ScheduleSegment.Contribution operatorTest(String id, double kw) {
        return new ScheduleSegment.Contribution(id, null, ScheduleSegment.Kind.TEST, kw, null);
    }

    public static SiteSchedule schedule(String siteId, long revision, Instant issuedAt,
            ScheduleSegment... segments) {
        return new SiteSchedule(siteId, revision, issuedAt, List.of(segments));
    }

    public static void sendSchedule(String siteId, long revision, Instant issuedAt, ScheduleSegment... segments) {
        send(schedule(siteId, revision, issuedAt, segments));
    }

    /** A site agent's refusal of a schedule revision, as the agent reports it. */
    public static ScheduleAck refusal(String siteId, long revision, Instant at) {
        return new ScheduleAck(siteId, revision, null, null, ScheduleAck.Status.REJECTED, 0, 0, List.of(),
                "would exceed the site's import limit", at);
    }

    /** A site agent's acceptance of a schedule revision: from {@code at} the site executes it. */
    public static ScheduleAck acceptance(String siteId, long revision, Instant at) {
        return new ScheduleAck(siteId, revision, null, null, ScheduleAck.Status.ACCEPTED, 0, 0, List.of(), null, at);
    }

    /** Sends any message on its topic, keyed as the contract says. */
    public static void send(Object message) {
        switch (message) {
            case SiteTelemetry t -> kafka().send(Topics.siteTelemetry(t.siteId()), t.siteId(), CODEC.encode(t));
            case SiteSchedule s -> kafka().send(Topics.siteSchedules(s.siteId()), s.siteId(), CODEC.encode(s));
            case DrEvent e -> kafka().send(Topics.DR_EVENTS, e.eventId(), CODEC.encode(e));
            case ScheduleAck a -> kafka().send(Topics.scheduleAcks(a.siteId()), a.siteId(), CODEC.encode(a));
            default -> throw new IllegalArgumentException("not a message settlement reads: " + message);
        }
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

    /**
     * Terms for statement tests: UTC, one-minute intervals, meter before / meter after over five minutes, $50/MWh,
     * $1,000/MW capacity, 70 % to the owner; {@code changes} replace any of them.
     */
    public static Map<String, Object> statementTerms(Map<String, Object> changes) {
        Map<String, Object> terms = new java.util.HashMap<>(Map.ofEntries(Map.entry("timeZone", "UTC"),
                Map.entry("intervalMinutes", 1),
                Map.entry("minimumCoverage", new BigDecimal("0.9")), Map.entry("method", "METER_BEFORE_METER_AFTER"),
                Map.entry("methodParameters", Map.of("window", "PT5M")), Map.entry("nercHolidays", true),
                Map.entry("floorIntervals", false), Map.entry("floorEventTotal", false),
                Map.entry("averaging", "MEAN"), Map.entry("currency", "USD"),
                Map.entry("energyPricePerMwh", new BigDecimal("50.00")),
                Map.entry("capacityRatePerMw", new BigDecimal("1000.00")),
                Map.entry("netConePerMwDay", new BigDecimal("300.00")), Map.entry("assessmentHours", 30),
                Map.entry("ownerShare", new BigDecimal("0.7"))));
        terms.putAll(changes);
        return terms;
    }
}
