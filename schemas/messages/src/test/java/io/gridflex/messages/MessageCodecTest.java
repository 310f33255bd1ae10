package io.gridflex.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {

    private static final Instant T0 = Instant.parse("2026-11-21T18:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-21T19:00:00.250Z");

    private final MessageCodec codec = new MessageCodec();

    static DrEvent event(DrEvent.Signal signal, String currency, BigDecimal value) {
        return new DrEvent("vtn-1/ev-7", "vtn-1", "ev-7", 3, "utility-a", "http://market.example/dr",
                DrEvent.EventStatus.ACTIVE, T0, T1, signal, currency, List.of(new DrInterval(T0, T1, value)),
                new DrEvent.Targets(List.of("resource-1"), List.of("group-north")), 300, 0, false, T0);
    }

    static SiteSchedule schedule() {
        var contribution = new ScheduleSegment.Contribution("vtn-1/ev-7", "utility-a", ScheduleSegment.Kind.EVENT,
                750.5, null);
        var override = new ScheduleSegment.Contribution("operator/17", null, ScheduleSegment.Kind.OVERRIDE, 100,
                900.0);
        return new SiteSchedule("site-a", 12, T0, List.of(
                new ScheduleSegment(T0, T1, 750.5, null, List.of(contribution)),
                new ScheduleSegment(T1, T1.plusSeconds(600), 850.5, 900.0, List.of(contribution, override))));
    }

    static SiteTelemetry telemetry(Long revision) {
        return new SiteTelemetry("site-a", T0, T1, 2950.5, 0.82, 2100.0, 850.5, 2000, 0, 0, 4000,
                new SiteTelemetry.MinerCounts(10, 9, 0, 1, 0), 1250.0, 21.5, revision, SiteTelemetry.Source.METER,
                0.9);
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(event(DrEvent.Signal.REDUCTION_KW, null, new BigDecimal("1500.0"))),
                Arguments.of(event(DrEvent.Signal.PRICE, "USD", new BigDecimal("123.456789012345678901"))),
                Arguments.of(schedule()),
                Arguments.of(new SiteSchedule("site-a", 13, T1, List.of())),
                Arguments.of(new ScheduleAck("site-a", 12, null, null, ScheduleAck.Status.ACCEPTED, 0, 0, List.of(),
                        null, T1)),
                Arguments.of(new ScheduleAck("site-a", 12, T0, T1, ScheduleAck.Status.SHED, 742.0, 750.5,
                        List.of("vtn-1/ev-7"), "40 miners stopped", T1)),
                Arguments.of(telemetry(12L)),
                Arguments.of(new SiteTelemetry("site-a", T0, T1, 10, 0.01, null, null, 0, 0, 0, 4000,
                        new SiteTelemetry.MinerCounts(10, 0, 10, 0, 0), null, null, null, SiteTelemetry.Source.MINERS,
                        1)),
                Arguments.of(new DispatchStatus("vtn-1/ev-7", "utility-a", 3, DispatchStatus.State.ACTIVE, 1500,
                        1200, 1180.5, 300, false, "only 1200 kW of sites can shed", T1)),
                Arguments.of(new DispatchStatus("vtn-1/ev-8", "utility-a", 0, DispatchStatus.State.SCHEDULED, 1500,
                        900, null, 600, false, "plant-b has no site that can shed", T1,
                        List.of(new DispatchStatus.ResourceShare("plant-a", 3, 900),
                                new DispatchStatus.ResourceShare("plant-b", 0, 0)))));
    }

    @Test
    void aStatusFromAProducerThatPredatesResourcesReadsAsNamingNone() {
        String json = codec.encode(new DispatchStatus("vtn-1/ev-9", "utility-a", 0, DispatchStatus.State.SCHEDULED,
                100, 100, null, 0, true, null, T1)).replace(",\"resources\":[]", "");
        assertThat(json).doesNotContain("resources");

        assertThat(codec.decode(DispatchStatus.class, json).resources()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyMessageRoundTripsThroughItsSchema(Object message) {
        String json = codec.encode(message);

        Object back = codec.decode(message.getClass(), json.getBytes(StandardCharsets.UTF_8));

        assertThat(back).isEqualTo(message);
    }

    @Test
    void instantsTravelAsIso8601Utc() {
        String json = codec.encode(schedule());

        assertThat(json).contains("\"issuedAt\":\"2026-11-21T18:00:00Z\"")
                .contains("\"end\":\"2026-11-21T19:00:00.250Z\"");
    }

    @Test
    void offsetInstantsAreRefused() {
        String json = codec.encode(schedule()).replace("2026-11-21T19:00:00.250Z", "2026-11-21T21:00:00.250+02:00");

        assertThatThrownBy(() -> codec.decode(SiteSchedule.class, json))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("end");
    }

    @Test
    void pricesStayExactDigitForDigit() {
        DrEvent event = event(DrEvent.Signal.PRICE, "EUR", new BigDecimal("0.10000000000000000000001"));

        String json = codec.encode(event);

        assertThat(json).contains("\"value\":0.10000000000000000000001");
        assertThat(codec.decode(DrEvent.class, json).intervals().getFirst().value())
                .isEqualByComparingTo("0.10000000000000000000001");
    }

    @Test
    void missingFieldsAreNamed() {
        assertThatThrownBy(() -> codec.decode(SiteSchedule.class, "{\"siteId\":\"site-a\"}"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("revision")
                .hasMessageContaining("segments");
    }

    @Test
    void aCheckBeforeSendingNamesWhatConsumersWouldRefuse() {
        String json = codec.encode(schedule());
        codec.check(SiteSchedule.class, json);

        assertThatThrownBy(() -> codec.check(SiteSchedule.class, json.replace("\"shedKw\":750.5", "\"shedKw\":-750.5")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("shedKw");
    }

    @Test
    void aStoredCopyReadsBackAsTheMessageEncoded() {
        DrEvent event = event(DrEvent.Signal.PRICE, "EUR", new BigDecimal("0.10000000000000000000001"));

        assertThat(codec.decodeOwn(DrEvent.class, codec.encode(event))).isEqualTo(event);
        assertThatThrownBy(() -> codec.decodeOwn(DrEvent.class, "{\"eventId\":"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored DrEvent");
    }

    @Test
    void unknownFieldsAreRefused() {
        String json = codec.encode(schedule()).replaceFirst("\\{", "{\"extra\":1,");

        assertThatThrownBy(() -> codec.decode(SiteSchedule.class, json))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("extra");
    }

    @Test
    void negativePowerIsRefused() {
        String json = codec.encode(schedule()).replace("\"shedKw\":750.5", "\"shedKw\":-750.5");

        assertThatThrownBy(() -> codec.decode(SiteSchedule.class, json))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("shedKw");
    }

    @Test
    void aSegmentServesAtLeastOneContributor() {
        String json = codec.encode(new SiteSchedule("site-a", 1, T0,
                List.of(new ScheduleSegment(T0, T1, 5, null, List.of()))));

        assertThatThrownBy(() -> codec.decode(SiteSchedule.class, json))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("contributions");
    }

    @Test
    void aPriceSignalNamesItsCurrencyInIso4217() {
        String json = codec.encode(event(DrEvent.Signal.PRICE, "USD", BigDecimal.TEN)).replace("\"USD\"",
                "\"dollars\"");

        assertThatThrownBy(() -> codec.decode(DrEvent.class, json))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("currency");
    }

    @Test
    void notJsonIsRefusedWithAReason() {
        assertThatThrownBy(() -> codec.decode(DrEvent.class, "<xml/>"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.decode(DrEvent.class, ""))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void deeplyNestedJsonIsRefusedBeforeItCostsAnything() {
        String hostile = "[".repeat(5000) + "]".repeat(5000);

        assertThatThrownBy(() -> codec.decode(SiteTelemetry.class, hostile))
                .isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void oversizedMessagesAreRefused() {
        byte[] big = new byte[MessageCodec.MAX_MESSAGE_BYTES + 1];

        assertThatThrownBy(() -> codec.decode(SiteTelemetry.class, big))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void theLargestScheduleTheSchemaAllowsStillFitsTheSizeLimit() {
        String eventId = "v".repeat(128) + "/" + "e".repeat(127);
        String siteId = "s".repeat(256);
        var contribution = new ScheduleSegment.Contribution(eventId, "p".repeat(128), ScheduleSegment.Kind.EVENT,
                9_999_999.9, 9_999_999.9);
        List<ScheduleSegment> segments = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> new ScheduleSegment(T0.plusSeconds(i), T0.plusSeconds(i + 1), 9_999_999.9,
                        9_999_999.9, List.of(contribution)))
                .toList();
        SiteSchedule largest = new SiteSchedule(siteId, Long.MAX_VALUE, T0, segments);

        assertThat(codec.decode(SiteSchedule.class, codec.encodeBytes(largest))).isEqualTo(largest);
    }

    @Test
    void onlyGridFlexMessagesAreEncoded() {
        assertThatThrownBy(() -> codec.encode("a string"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
