package io.gridflex.siteagent.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The non-mining load as measured, and its highest over a recent window. */
class OtherLoadTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(60);

    @Test
    void thePeakIsTheHighestMeasurementOfTheWindowAndNeverLessThanTheLatest() {
        OtherLoad load = new OtherLoad();
        assertThat(load.peakWatts(T, WINDOW)).as("nothing measured").isZero();
        load.update(500_000, T);
        load.update(700_000, T.plusSeconds(10));
        load.update(520_000, T.plusSeconds(30));
        load.update(650_000, T.plusSeconds(50));
        load.update(500_000, T.plusSeconds(65));

        assertThat(load.watts()).isEqualTo(500_000);
        assertThat(load.peakWatts(T.plusSeconds(65), WINDOW)).isEqualTo(700_000);
        assertThat(load.peakWatts(T.plusSeconds(65), Duration.ZERO)).as("no window: as measured now")
                .isEqualTo(500_000);
        assertThat(load.peakWatts(T.plusSeconds(75), WINDOW)).as("the 700 kW left the window").isEqualTo(650_000);
        assertThat(load.peakWatts(T.plusSeconds(200), WINDOW)).as("all left it but the latest, which still stands")
                .isEqualTo(500_000);
        load.update(800_000, T.plusSeconds(201));
        assertThat(load.peakWatts(T.plusSeconds(201), WINDOW)).isEqualTo(800_000);
    }

    @Test
    void aMeasurementThatIsNoLoadIsRefused() {
        OtherLoad load = new OtherLoad();
        assertThatIllegalArgumentException().isThrownBy(() -> load.update(-1, T));
        assertThatIllegalArgumentException().isThrownBy(() -> load.update(Double.NaN, T));
        assertThatIllegalArgumentException().isThrownBy(() -> load.update(Double.POSITIVE_INFINITY, T));
    }
}
