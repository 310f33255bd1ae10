package io.gridflex.settlement.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.attribution.SiteAttribution;
import io.gridflex.settlement.baseline.SettlementStatus;

class EventTotalsTest {

    @Test
    void theTotalAddsTheSitesRoundedFiguresAndCountsTheRest() {
        EventTotals totals = EventTotals.of(List.of(
                site(SettlementStatus.COMPLETE, "1.234"),
                site(SettlementStatus.PARTIAL, "-0.200"),
                site(SettlementStatus.INSUFFICIENT_DATA, null),
                site(SettlementStatus.NO_DELIVERY_WINDOW, "0.000")));

        assertThat(totals.deliveredKwh()).isEqualTo(new BigDecimal("1.034"));
        assertThat(totals.deliveredMwh()).isEqualTo(new BigDecimal("0.001034"));
        assertThat(totals.sites()).isEqualTo(4);
        assertThat(totals.sitesByStatus()).containsEntry(SettlementStatus.COMPLETE, 1)
                .containsEntry(SettlementStatus.PARTIAL, 1)
                .containsEntry(SettlementStatus.INSUFFICIENT_DATA, 1)
                .containsEntry(SettlementStatus.NO_DELIVERY_WINDOW, 1);
        assertThat(totals.complete()).isFalse();
    }

    @Test
    void anEventWhoseSitesAreAllFinalIsComplete() {
        EventTotals totals = EventTotals.of(List.of(site(SettlementStatus.COMPLETE, "2.000"),
                site(SettlementStatus.NO_DELIVERY_WINDOW, "0.000")));

        assertThat(totals.complete()).isTrue();
        assertThat(totals.deliveredKwh()).isEqualTo(new BigDecimal("2.000"));
    }

    @Test
    void anEventWithoutSitesDeliveredNothing() {
        EventTotals totals = EventTotals.of(List.of());

        assertThat(totals.deliveredKwh()).isEqualTo(new BigDecimal("0.000"));
        assertThat(totals.deliveredMwh()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(totals.sites()).isZero();
        assertThat(totals.sitesByStatus()).containsOnlyKeys(SettlementStatus.values())
                .allSatisfy((s, n) -> assertThat(n).isZero());
    }

    private static SiteAttribution site(SettlementStatus status, String kwh) {
        BigDecimal delivered = kwh == null ? null : new BigDecimal(kwh);
        BigDecimal mwh = delivered == null ? null : delivered.movePointLeft(3);
        return new SiteAttribution(status, List.of(), List.of(), BigDecimal.ONE, delivered, mwh, null, List.of());
    }
}
