package io.gridflex.settlement.terms;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.method.PerformanceRules;

class TermsInForceTest {

    @Test
    void theLatestEffectiveDayOnOrBeforeTheEventsDayWinsAndOfEqualDaysTheNewestVersion() {
        TermsInForce inForce = new TermsInForce(List.of(
                terms(3, ProgramTerms.FROM_THE_START), // corrects version 1
                terms(1, ProgramTerms.FROM_THE_START),
                terms(2, LocalDate.parse("2026-04-15")),
                terms(4, LocalDate.parse("2026-05-01"))));

        assertThat(inForce.on(LocalDate.parse("2026-04-14")).orElseThrow().version()).isEqualTo(3);
        assertThat(inForce.on(LocalDate.parse("2026-04-15")).orElseThrow().version()).isEqualTo(2);
        assertThat(inForce.on(LocalDate.parse("2026-04-30")).orElseThrow().version()).isEqualTo(2);
        assertThat(inForce.on(LocalDate.parse("2026-05-01")).orElseThrow().version()).isEqualTo(4);
        assertThat(inForce.newest().orElseThrow().version()).isEqualTo(4);
        assertThat(inForce.version(1).orElseThrow().effectiveFrom()).isEqualTo(ProgramTerms.FROM_THE_START);

        TermsInForce later = new TermsInForce(List.of(terms(1, LocalDate.parse("2026-04-20"))));
        assertThat(later.on(LocalDate.parse("2026-04-19"))).isEmpty();
        assertThat(new TermsInForce(List.of()).newest()).isEmpty();
    }

    private static ProgramTerms terms(int version, LocalDate from) {
        return new ProgramTerms("p", version, from, ZoneOffset.UTC, 15, new BigDecimal("0.9"),
                ProgramTerms.DEFAULT_SITE_COVERAGE, "METER_BEFORE_METER_AFTER", new TreeMap<>(), true, List.of(), false,
                false, PerformanceRules.Averaging.MEAN, "USD", BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ZERO, 30,
                new BigDecimal("0.7"), "ada", Instant.EPOCH);
    }
}
