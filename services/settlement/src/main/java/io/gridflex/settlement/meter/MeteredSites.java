package io.gridflex.settlement.meter;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.db.Transactions;

/**
 * The sites with metered intervals, in id order, found by walking the key's index from one site to the next (one
 * probe per site, however many intervals each has), with whether each is scheduled or contracted.
 */
@ApplicationScoped
public class MeteredSites {

    /** Parameters: after (null for the start), unknown only, limit. */
    private static final String SITES = """
            WITH RECURSIVE site AS (
                (SELECT site_id FROM settlement.meter_interval
                  WHERE ?::text IS NULL OR site_id > ? ORDER BY site_id LIMIT 1)
                UNION ALL
                SELECT (SELECT m.site_id FROM settlement.meter_interval m
                         WHERE m.site_id > site.site_id ORDER BY m.site_id LIMIT 1)
                  FROM site WHERE site.site_id IS NOT NULL)
            SELECT site_id, scheduled, contracted FROM (
                SELECT s.site_id,
                       EXISTS (SELECT 1 FROM settlement.site_schedule r WHERE r.site_id = s.site_id) AS scheduled,
                       EXISTS (SELECT 1 FROM settlement.site_contract c WHERE c.site_id = s.site_id) AS contracted
                  FROM site s WHERE s.site_id IS NOT NULL) flagged
             WHERE NOT ? OR NOT (scheduled OR contracted)
             LIMIT ?
            """;

    private final Transactions transactions;

    public MeteredSites(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Up to {@code limit} metered sites after {@code after} (from the first when null), only the unknown ones when
     * {@code unknownOnly}.
     */
    public List<MeteredSite> list(String after, boolean unknownOnly, int limit) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SITES)) {
                statement.setString(1, after);
                statement.setString(2, after);
                statement.setBoolean(3, unknownOnly);
                statement.setInt(4, limit);
                List<MeteredSite> sites = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        boolean scheduled = rows.getBoolean("scheduled");
                        boolean contracted = rows.getBoolean("contracted");
                        sites.add(new MeteredSite(rows.getString("site_id"), scheduled, contracted,
                                scheduled || contracted));
                    }
                }
                return sites;
            }
        });
    }
}
