package io.gridflex.siteagent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.SiteTelemetry.MinerCounts;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.MinerStatus;

class FleetSummaryTest {

    private static final Instant AT = Instant.parse("2025-01-07T12:00:00Z");
    private static final double SLEEP_W = 20;

    private static MinerStatus answering(int port, double powerW, double hashrateGhs, double peakW) {
        return new MinerStatus(new MinerEndpoint("127.0.0.1", port), true, new MinerReading(powerW, hashrateGhs, AT),
                peakW, 10, 0, null);
    }

    private static MinerStatus silent(int port, MinerReading last) {
        return new MinerStatus(new MinerEndpoint("127.0.0.1", port), false, last, last == null ? 0 : 3010, 10, 3,
                "connection refused");
    }

    @Test
    void minersAreCountedByStateAndOnlyHashingOnesMakeHashrateAndEfficiency() {
        List<MinerStatus> miners = List.of(
                answering(1, 3010, 140_000, 3010),
                answering(2, 2990, 139_000, 3010),
                answering(3, 18, 0, 3010),
                answering(4, 900, 0, 3010),
                silent(5, new MinerReading(3010, 140_000, AT.minusSeconds(5))),
                silent(6, null));

        FleetSummary summary = FleetSummary.of(miners, Set.of("127.0.0.1:2"), SLEEP_W);

        assertThat(summary.counts()).isEqualTo(new MinerCounts(6, 2, 1, 2, 1));
        assertThat(summary.hashrateThs()).isCloseTo(279, within(1e-9));
        assertThat(summary.efficiencyJPerTh()).isCloseTo((3010 + 2990) / 279.0, within(1e-9));
        assertThat(summary.coverage()).isCloseTo(4 / 6.0, within(1e-9));
        // The held miner still hashing (woken, coming back) is not the agent's to stop again.
        assertThat(summary.sheddableW()).isEqualTo(3010);
    }

    @Test
    void withNoMinerHashingEfficiencyIsUnknownAndWithNoneAnsweringSoIsHashrate() {
        FleetSummary asleep = FleetSummary.of(List.of(answering(1, 18, 0, 3010)), Set.of(), SLEEP_W);
        assertThat(asleep.hashrateThs()).isZero();
        assertThat(asleep.efficiencyJPerTh()).isNull();

        FleetSummary silentFleet = FleetSummary.of(List.of(silent(1, null)), Set.of(), SLEEP_W);
        assertThat(silentFleet.hashrateThs()).isNull();
        assertThat(silentFleet.coverage()).isZero();
        assertThat(silentFleet.counts()).isEqualTo(new MinerCounts(1, 0, 0, 1, 0));
    }

    @Test
    void anEfficiencyNoRealMinerHasIsLeftOut() {
        // Warming up: full draw, barely hashing yet.
        FleetSummary warming = FleetSummary.of(List.of(answering(1, 3010, 10, 3010)), Set.of(), SLEEP_W);

        assertThat(warming.efficiencyJPerTh()).isNull();
        assertThat(warming.counts().hashing()).isEqualTo(1);
    }
}
