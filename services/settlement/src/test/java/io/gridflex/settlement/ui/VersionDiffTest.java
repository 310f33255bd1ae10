package io.gridflex.settlement.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.statement.Statement;
import io.gridflex.settlement.statement.StatementLine;

class VersionDiffTest {

    @Test
    void linesAreMatchedByEventAndSiteAndOnlyThoseWhoseFiguresMovedAreMarked() {
        Statement v1 = statement(1, "150.00", line("e1", "a", "COMPLETE", "0.015000", "100.00"),
                line("e1", "b", "COMPLETE", "0.010000", "50.00"));
        Statement v2 = statement(2, "170.50", line("e1", "b", "COMPLETE", "0.010000", "50.00"),
                line("e1", "a", "COMPLETE", "0.016000", "105.50"), line("e2", "a", "PARTIAL", "0.002000", "15.00"));

        VersionDiff diff = VersionDiff.of(v1, v2);

        assertThat(diff.rows()).extracting(r -> r.eventId() + "@" + r.siteId()).containsExactly("e1@b", "e1@a",
                "e2@a");
        assertThat(diff.rows()).extracting(VersionDiff.Row::changed).containsExactly(false, true, true);
        assertThat(diff.rows()).extracting(VersionDiff.Row::netDelta).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ZERO, new BigDecimal("5.50"), new BigDecimal("15.00"));
        assertThat(diff.rows().get(2).before()).isNull();
        assertThat(diff.changedRows()).isEqualTo(2);
        assertThat(diff.netDelta()).isEqualByComparingTo("20.50");
    }

    @Test
    void aLineDroppedByTheNewerVersionIsListedLastAndCountsAsAChange() {
        Statement v1 = statement(1, "100.00", line("e1", "a", "COMPLETE", "0.015000", "100.00"));
        Statement v2 = statement(2, "0.00");

        VersionDiff diff = VersionDiff.of(v1, v2);

        assertThat(diff.rows()).singleElement().satisfies(row -> {
            assertThat(row.after()).isNull();
            assertThat(row.changed()).isTrue();
            assertThat(row.netDelta()).isEqualByComparingTo("-100.00");
        });
    }

    private static Statement statement(int version, String net, StatementLine... lines) {
        BigDecimal zero = BigDecimal.ZERO;
        return new Statement(UUID.randomUUID(), "p", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1), version, 1,
                Statement.Status.DRAFT, version == 1 ? null : "why", "USD", zero, zero, zero, zero,
                new BigDecimal(net), zero, zero, "hash", "ada", Instant.EPOCH, null, null, null, null, null,
                List.of(lines));
    }

    private static StatementLine line(String event, String site, String status, String delivered, String net) {
        BigDecimal zero = BigDecimal.ZERO;
        return new StatementLine(event, site, 1, status, null, "M", 1, Map.of(), "h", zero, new BigDecimal(delivered),
                zero, zero, BigDecimal.ONE, zero, zero, zero, zero, new BigDecimal(net), zero, zero);
    }
}
