package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.db.Transactions;

/** What a site's owner is paid: its lines in every statement version, summed per version, newest period first. */
@ApplicationScoped
public class SitePayouts {

    private static final String PAYOUTS = """
            SELECT s.statement_id, s.program, s.period_start, s.period_end, s.version, s.status, s.currency,
                   COUNT(*) AS lines, SUM(l.net) AS net, SUM(l.owner) AS owner
              FROM settlement.statement_line l
              JOIN settlement.statement s ON s.statement_id = l.statement_id
             WHERE l.site_id = ?
             GROUP BY s.statement_id
             ORDER BY s.period_start DESC, s.program, s.version DESC
             LIMIT ?
            """;

    /**
     * One statement version's part for the site.
     *
     * @param lines how many lines (events) of the version are the site's
     * @param net the net of those lines
     * @param owner the owner's part of it
     */
    public record Payout(UUID statementId, String program, LocalDate periodStart, LocalDate periodEnd, int version,
            Statement.Status status, String currency, int lines, BigDecimal net, BigDecimal owner) {

        public boolean approved() {
            return status == Statement.Status.APPROVED;
        }
    }

    private final Transactions transactions;

    public SitePayouts(Transactions transactions) {
        this.transactions = transactions;
    }

    public List<Payout> of(String siteId, int limit) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(PAYOUTS)) {
                statement.setString(1, siteId);
                statement.setInt(2, limit);
                List<Payout> payouts = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        payouts.add(new Payout(rows.getObject("statement_id", UUID.class), rows.getString("program"),
                                rows.getObject("period_start", LocalDate.class),
                                rows.getObject("period_end", LocalDate.class), rows.getInt("version"),
                                Statement.Status.valueOf(rows.getString("status")), rows.getString("currency"),
                                rows.getInt("lines"), rows.getBigDecimal("net"), rows.getBigDecimal("owner")));
                    }
                }
                return payouts;
            }
        });
    }
}
