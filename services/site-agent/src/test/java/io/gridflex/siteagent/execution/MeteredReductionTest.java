package io.gridflex.siteagent.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.gridflex.siteagent.meter.MeterReading;

/** Which of the meter's figures is taken as the mining draw. */
class MeteredReductionTest {

    private static MeterReading reading(Double siteKw, Double miningKw, Double dataCentreKw) {
        return new MeterReading(siteKw, miningKw, dataCentreKw, 0, Instant.EPOCH);
    }

    @Test
    void theMiningRegisterComesFirstThenTheSiteLessTheDataCentreThenTheSiteAlone() {
        assertThat(MeteredReduction.miningW(reading(100.0, 30.0, 65.0))).contains(30_000.0);
        assertThat(MeteredReduction.miningW(reading(100.0, null, 65.0))).contains(35_000.0);
        assertThat(MeteredReduction.miningW(reading(100.0, null, null))).contains(100_000.0);
        assertThat(MeteredReduction.miningW(reading(null, null, 65.0))).isEmpty();
    }
}
