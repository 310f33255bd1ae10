package io.gridflex.dispatch.registry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.support.web.ApiException;

class ValidatorsTest {

    @Test
    void aCompleteSiteIsValid() {
        assertThatCode(() -> SiteValidator.validate(site("site-a", "250", "300", List.of(
                new Enrollment("p", new BigDecimal("200")))), false)).doesNotThrowAnyException();
    }

    @Test
    void everyProblemOfASiteIsNamedAtOnce() {
        SiteDraft bad = new SiteDraft("bad id!", "", "Mars/Olympus", new BigDecimal("-1"), null,
                new BigDecimal("0"), null, 5000, new BigDecimal("1.5"), new Owner("", "nobody"),
                new BigDecimal("0.05"), null, null, SiteStatus.REMOVED, null, null);

        assertThatThrownBy(() -> SiteValidator.validate(bad, true))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("siteId").hasMessageContaining("name: required")
                .hasMessageContaining("'Mars/Olympus' is not an IANA time zone")
                .hasMessageContaining("maxShedKw").hasMessageContaining("rampDownKwPerMin")
                .hasMessageContaining("priority").hasMessageContaining("revenueShare")
                .hasMessageContaining("owner.email").hasMessageContaining("importLimitKw")
                .hasMessageContaining("status: REMOVED").hasMessageContaining("version: required");
    }

    @Test
    void aSiteCannotShedMoreThanItImportsNorBeEnrolledForMoreThanItSheds() {
        assertThatThrownBy(() -> SiteValidator.validate(site("s", "400", "300", List.of()), false))
                .hasMessageContaining("cannot shed more than its import limit");
        assertThatThrownBy(() -> SiteValidator.validate(site("s", "200", "300", List.of(
                new Enrollment("p", new BigDecimal("250")), new Enrollment("p", new BigDecimal("10")))), false))
                .hasMessageContaining("more than the site's maxShedKw").hasMessageContaining("listed twice");
        assertThatThrownBy(() -> SiteValidator.validate(site("s", "200.25", "300", List.of()), false))
                .hasMessageContaining("one decimal");
    }

    @Test
    void programsNeedRisingLevelSharesAndARealCurrency() {
        assertThatCode(() -> ProgramValidator.validate(program(List.of("0.25", "0.5", "1"), "USD"), false))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ProgramValidator.validate(program(List.of("0.5", "0.25", "1"), "usd"), false))
                .hasMessageContaining("higher level cannot ask for less").hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> ProgramValidator.validate(program(List.of("0.5"), "EUR"), false))
                .hasMessageContaining("three shares");
    }

    private static SiteDraft site(String id, String maxShed, String importLimit, List<Enrollment> enrollments) {
        return new SiteDraft(id, "Site", "America/Chicago", new BigDecimal(maxShed), BigDecimal.TEN, null, null, 10,
                new BigDecimal("0.7"), new Owner("Owner", "owner@example.com"), new BigDecimal(importLimit),
                BigDecimal.ZERO, null, null, enrollments, null);
    }

    private static ProgramDraft program(List<String> shares, String currency) {
        return new ProgramDraft("p", "Program", null, null, shares.stream().map(BigDecimal::new).toList(),
                BigDecimal.ZERO, currency, "UTC", null);
    }
}
