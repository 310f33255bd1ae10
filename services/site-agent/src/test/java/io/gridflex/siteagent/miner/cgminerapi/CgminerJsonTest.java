package io.gridflex.siteagent.miner.cgminerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The tolerant parser, on the quirks cgminer-family firmwares are known to send. */
class CgminerJsonTest {

    @Test
    void acceptsATrailingNulAndWhatFollowsIt() throws Exception {
        JsonNode reply = CgminerJson
                .parse("{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":11}],\"SUMMARY\":[{\"GHS 5s\":1.5}]}"
                        + "\0garbage", List.of("summary"));

        assertThat(reply.at("/SUMMARY/0/GHS 5s").asDouble()).isEqualTo(1.5);
    }

    @Test
    void acceptsACommaBeforeAClosingBrace() throws Exception {
        JsonNode reply = CgminerJson.parse("{\"STATS\":[{\"ID\":\"BC50\",\"Elapsed\":10,},],\"id\":1,}",
                List.of("stats"));

        assertThat(reply.at("/STATS/0/Elapsed").asInt()).isEqualTo(10);
    }

    @Test
    void separatesObjectsGluedInsideAnArray() throws Exception {
        JsonNode reply = CgminerJson.parse(
                "{\"STATUS\":[{\"STATUS\":\"S\"}],\"STATS\":[{\"BMMiner\":\"2.0\"}{\"GHS 5s\":\"13.5\"}],\"id\":1}",
                List.of("stats"));

        assertThat(reply.path("STATS")).hasSize(2);
        assertThat(reply.at("/STATS/1/GHS 5s").asText()).isEqualTo("13.5");
    }

    @Test
    void namesTopLevelObjectsOfAJoinedCommandByTheirCommands() throws Exception {
        JsonNode reply = CgminerJson.parse("{\"STATUS\":[{\"STATUS\":\"S\"}],\"SUMMARY\":[{\"GHS 5s\":1}]}"
                + "{\"STATUS\":[{\"STATUS\":\"S\"}],\"STATS\":[{\"Elapsed\":3}]}\0", List.of("summary", "stats"));

        assertThat(reply.at("/summary/0/SUMMARY/0/GHS 5s").asInt()).isEqualTo(1);
        assertThat(reply.at("/stats/0/STATS/0/Elapsed").asInt()).isEqualTo(3);
    }

    @Test
    void readsNonFiniteNumbersAsNullButLeavesStringsAlone() throws Exception {
        JsonNode reply = CgminerJson.parse("{\"a\":inf,\"b\":-inf,\"c\":nan,\"d\":NaN,\"e\":\"inf }{ ,}\",\"f\":true,"
                + "\"g\":1e-3,\"h\":null}", List.of("x"));

        assertThat(reply.get("a").isNull()).isTrue();
        assertThat(reply.get("b").isNull()).isTrue();
        assertThat(reply.get("c").isNull()).isTrue();
        assertThat(reply.get("d").isNull()).isTrue();
        assertThat(reply.get("e").asText()).isEqualTo("inf }{ ,}");
        assertThat(reply.get("f").asBoolean()).isTrue();
        assertThat(reply.get("g").asDouble()).isEqualTo(0.001);
        assertThat(reply.get("h").isNull()).isTrue();
    }

    @Test
    void truncatedRepliesAreErrorsThatSaySo() {
        assertThatThrownBy(() -> CgminerJson.parse("{\"STATUS\":[{\"STATUS\":\"S\"}],\"SUMMARY\":[{\"GHS 5s\":1",
                List.of("summary"))).isInstanceOf(CgminerJson.MalformedReplyException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> CgminerJson.parse("{\"STATUS\":[{\"Msg\":\"cut in the midd", List.of("summary")))
                .isInstanceOf(CgminerJson.MalformedReplyException.class).hasMessageContaining("inside a string");
    }

    @Test
    void garbageAndEmptinessAreErrors() {
        assertThatThrownBy(() -> CgminerJson.parse("hello", List.of("summary")))
                .isInstanceOf(CgminerJson.MalformedReplyException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> CgminerJson.parse("\0", List.of("summary")))
                .isInstanceOf(CgminerJson.MalformedReplyException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> CgminerJson.parse("}{", List.of("summary")))
                .isInstanceOf(CgminerJson.MalformedReplyException.class).hasMessageContaining("unbalanced");
    }
}
