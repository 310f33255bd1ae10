package io.gridflex.settlement.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.baseline.MeteredInterval;

class MethodsTest {

    @Test
    void everyNamedMethodIsBuiltFromItsDefaultsOrSaysWhatItNeeds() {
        for (String name : Methods.NAMES) {
            Map<String, String> needed = switch (name) {
                case FirmServiceLevel.NAME -> Map.of("reference-kw", "1000", "level-kw", "200");
                case ComparisonDay.NAME -> Map.of("day", "2026-07-09");
                default -> Map.of();
            };
            BaselineMethod method = Methods.named(name, needed);
            assertThat(method.name()).isEqualTo(name);
            assertThat(method.version()).isEqualTo(1);
            assertThat(method.parameters()).isNotEmpty();
        }
        assertThatThrownBy(() -> Methods.named(FirmServiceLevel.NAME, Map.of("level-kw", "200")))
                .hasMessageContaining("needs the parameter reference-kw");
    }

    @Test
    void aProgramOverridesParametersByNameAndAnythingElseIsRefusedWithTheReason() {
        BaselineMethod method = Methods.named(Methods.TEN_OF_TEN,
                Map.of("lookback-days", "60", "adjustment-highest", "1.4"));

        assertThat(method.parameters()).containsEntry("lookback-days", "60").containsEntry("adjustment-highest", "1.4")
                .containsEntry("adjustment-lowest", "0.8").containsEntry("weekdays", "10 of 10");
        assertThatThrownBy(() -> Methods.named("HIGH_9_OF_9", Map.of())).hasMessageContaining("unknown baseline");
        assertThatThrownBy(() -> Methods.named(Methods.HIGH_4_OF_5, Map.of("lookbak-days", "60")))
                .hasMessageContaining("has no parameter lookbak-days");
        assertThatThrownBy(() -> Methods.named(Methods.HIGH_4_OF_5, Map.of("lookback-days", "many")))
                .hasMessageContaining("lookback-days is not valid: many");
        assertThatThrownBy(() -> Methods.named(Methods.TEN_OF_TEN,
                Map.of("adjustment-lowest", "1.3", "adjustment-highest", "1.2"))).hasMessageContaining("clamp");
        assertThatThrownBy(() -> Methods.named(Methods.HIGH_4_OF_5, Map.of("low-usage-fraction", "1.5")))
                .hasMessageContaining("low-usage fraction");
    }

    @Test
    void theNercHolidaysAreObservedOnTheMondayAfterASunday() {
        assertThat(Holidays.nerc(2026, 2026)).containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 25),
                LocalDate.of(2026, 7, 4), LocalDate.of(2026, 9, 7), LocalDate.of(2026, 11, 26),
                LocalDate.of(2026, 12, 25));
        assertThat(Holidays.nerc(2022, 2022)).contains(LocalDate.of(2022, 12, 26)).doesNotContain(
                LocalDate.of(2022, 12, 25));
        assertThat(Holidays.nerc(2027, 2027)).contains(LocalDate.of(2027, 7, 5));
    }

    @Test
    void settlementIntervalsAreTheEnergyOfTheirMeteredPartsOverTheMeteredHours() {
        // 15 minutes of 10 s readings at 0.25 kWh each (90 kW); the second quarter hour misses 10 readings (89 %).
        Instant start = Instant.parse("2026-07-16T14:00:00Z");
        List<MeteredInterval> readings = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            if (i < 90 || i >= 100) {
                Instant from = start.plusSeconds(10L * i);
                readings.add(new MeteredInterval(from, from.plusSeconds(10), new BigDecimal("0.25")));
            }
        }

        LoadSeries strict = LoadSeries.fromMetered(Duration.ofMinutes(15), readings, new BigDecimal("0.9"));
        LoadSeries lenient = LoadSeries.fromMetered(Duration.ofMinutes(15), readings, new BigDecimal("0.8"));

        assertThat(strict.kw()).containsOnlyKeys(start);
        assertThat(strict.at(start)).get().satisfies(kw -> assertThat(kw).isEqualByComparingTo("90"));
        assertThat(lenient.at(start.plusSeconds(900))).get()
                .satisfies(kw -> assertThat(kw).isEqualByComparingTo("90"));
        assertThatThrownBy(() -> LoadSeries.of(Duration.ofMinutes(7), Map.of()))
                .hasMessageContaining("must divide a day");
    }
}
