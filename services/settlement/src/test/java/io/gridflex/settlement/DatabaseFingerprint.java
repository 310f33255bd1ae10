package io.gridflex.settlement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/**
 * A digest of every stored row of some sites and events, whole (received_at included): equal before and after a
 * replay proves the replay stored, changed and deleted nothing of theirs.
 */
public final class DatabaseFingerprint {

    private static final String SQL = """
            SELECT count(*) AS rows, md5(string_agg(line, E'\\n' ORDER BY line)) AS digest FROM (
                SELECT 'schedule ' || h::text FROM settlement.site_schedule h WHERE site_id = ANY (?)
                UNION ALL
                SELECT 'segment ' || s::text FROM settlement.schedule_segment s WHERE site_id = ANY (?)
                UNION ALL
                SELECT 'contribution ' || c::text FROM settlement.schedule_contribution c WHERE site_id = ANY (?)
                UNION ALL
                SELECT 'interval ' || m::text FROM settlement.meter_interval m WHERE site_id = ANY (?)
                UNION ALL
                SELECT 'refusal ' || r::text FROM settlement.schedule_rejection r WHERE site_id = ANY (?)
                UNION ALL
                SELECT 'event ' || e::text FROM settlement.dr_event e WHERE event_id = ANY (?)
                UNION ALL
                SELECT 'signal ' || i::text FROM settlement.dr_event_interval i WHERE event_id = ANY (?)
            ) AS stored(line)
            """;

    private DatabaseFingerprint() {
    }

    /** How many rows there are, and a digest of all of them. */
    public static String of(DataSource dataSource, List<String> siteIds, List<String> eventIds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            for (int i = 1; i <= 5; i++) {
                statement.setArray(i, connection.createArrayOf("varchar", siteIds.toArray()));
            }
            for (int i = 6; i <= 7; i++) {
                statement.setArray(i, connection.createArrayOf("varchar", eventIds.toArray()));
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong("rows") + " rows, md5 " + rows.getString("digest");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
