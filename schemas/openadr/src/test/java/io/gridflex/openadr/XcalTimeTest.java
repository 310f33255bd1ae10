package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XcalTimeTest {

    @Test
    void instantsAreWrittenInUtcWithZ() {
        Instant fromOffset = OffsetDateTime.of(2026, 3, 1, 14, 30, 0, 0, ZoneOffset.ofHours(2)).toInstant();

        assertThat(XcalTime.toDateTime(fromOffset)).isEqualTo("2026-03-01T12:30:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T21:22:48Z", "2026-11-21T21:22:48.983053Z", "2026-01-01T00:00:00.5Z"})
    void utcInstantsRoundTrip(String text) {
        Instant parsed = XcalTime.parseDateTime(text);

        assertThat(parsed).isEqualTo(Instant.parse(text));
        assertThat(XcalTime.parseDateTime(XcalTime.toDateTime(parsed))).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T21:22:48+02:00", "2026-11-21T21:22:48", "2026-11-21", "yesterday",
            "2026-13-01T00:00:00Z"})
    void nonUtcOrInvalidInstantsAreRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> XcalTime.parseDateTime(text));
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0", "PT15M, 900", "-PT5M, -300", "PT1H30M, 5400", "PT1H0M5S, 3605", "P1D, 86400",
            "P1DT2H, 93600", "P2W, 1209600", "+PT10S, 10"})
    void durationsParseToSeconds(String text, long seconds) {
        assertThat(XcalTime.parseDuration(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @CsvSource({"0, PT0S", "900, PT15M", "-300, -PT5M", "5400, PT1H30M", "3605, PT1H5S", "86400, PT24H",
            "-93784, -PT26H3M4S"})
    void durationsAreWrittenSignFirstInWholeUnits(long seconds, String expected) {
        String text = XcalTime.formatDuration(Duration.ofSeconds(seconds));

        assertThat(text).isEqualTo(expected);
        assertThat(XcalTime.parseDuration(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void negativeDurationIsNeverWrittenTheJavaWay() {
        Duration fiveMinutesEarlier = Duration.ofMinutes(-5);

        assertThat(fiveMinutesEarlier.toString()).isEqualTo("PT-5M");
        assertThat(XcalTime.formatDuration(fiveMinutesEarlier)).isEqualTo("-PT5M");
    }

    @Test
    void fractionalSecondsCannotBeWritten() {
        assertThatIllegalArgumentException().isThrownBy(() -> XcalTime.formatDuration(Duration.ofMillis(1500)))
                .withMessageContaining("whole seconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT-5M", "PT1.5S", "P", "PT", "P1Y", "P1M", "15M", "-P", "PT5m", "P1W2D", ""})
    void badDurationsAreRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> XcalTime.parseDuration(text));
    }
}
