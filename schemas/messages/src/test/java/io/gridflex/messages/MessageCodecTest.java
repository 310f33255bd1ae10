package io.gridflex.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(new DrEvent("vtn-1/ev-7", "vtn-1", "ev-7", 3, "http://market.example/dr",
                        DrEvent.EventStatus.ACTIVE,
                        T0, T1, List.of(new DrInterval(T0, T1, 1500.0)), 0, false, T0)),
                Arguments
                        .of(new SiteCommand(SiteCommand.commandId("vtn-1/ev-7", 3, "site-a"), "site-a", "vtn-1/ev-7", 3,
                                SiteCommand.Action.SHED, 750.5, T0, T1, T0)),
                Arguments.of(new CommandAck("c-1", "site-a", "vtn-1/ev-7", CommandAck.Status.SHED, 742.0, null, T1)),
                Arguments.of(
                        new CommandAck("c-1", "site-a", "vtn-1/ev-7", CommandAck.Status.REJECTED, 0, "expired", T1)),
                Arguments.of(new SiteTelemetry("site-a", T0, T1, 2950.5, 0.82, 2900, 4000, 10, 9, null)),
                Arguments.of(new SiteTelemetry("site-a", T0, T1, 10, 0.01, 0, 4000, 10, 0, "c-1")));
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
        String json = codec.encode(new CommandAck("c-1", "site-a", "e", CommandAck.Status.SHED, 1, null, T1));

        assertThat(json).contains("\"at\":\"2026-11-21T19:00:00.250Z\"");
    }

    @Test
    void offsetInstantsAreRefused() {
        String json = codec.encode(new CommandAck("c-1", "site-a", "e", CommandAck.Status.SHED, 1, null, T1))
                .replace("2026-11-21T19:00:00.250Z", "2026-11-21T21:00:00.250+02:00");

        assertThatThrownBy(() -> codec.decode(CommandAck.class, json))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("at");
    }

    @Test
    void missingFieldsAreNamed() {
        assertThatThrownBy(() -> codec.decode(SiteCommand.class, "{\"siteId\":\"site-a\"}"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("commandId")
                .hasMessageContaining("shedKw");
    }

    @Test
    void unknownFieldsAreRefused() {
        String json = codec.encode(new CommandAck("c-1", "site-a", "e", CommandAck.Status.SHED, 1, null, T1))
                .replace("{", "{\"extra\":1,");

        assertThatThrownBy(() -> codec.decode(CommandAck.class, json))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("extra");
    }

    @Test
    void negativePowerIsRefused() {
        String json = codec.encode(new SiteCommand("c", "site-a", "e", 1, SiteCommand.Action.SHED, 5, T0, T1, T0))
                .replace("\"shedKw\":5.0", "\"shedKw\":-5.0");

        assertThatThrownBy(() -> codec.decode(SiteCommand.class, json))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("shedKw");
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
    void commandIdsBuiltFromTheLongestIdsStillFit() {
        String eventId = "v".repeat(128) + "/" + "e".repeat(127);
        String siteId = "s".repeat(256);
        SiteCommand command = new SiteCommand(SiteCommand.commandId(eventId, Long.MAX_VALUE, siteId), siteId, eventId,
                Long.MAX_VALUE, SiteCommand.Action.SHED, 1, T0, T1, T0);

        assertThat(codec.decode(SiteCommand.class, codec.encode(command))).isEqualTo(command);
    }

    @Test
    void onlyGridFlexMessagesAreEncoded() {
        assertThatThrownBy(() -> codec.encode("a string"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
