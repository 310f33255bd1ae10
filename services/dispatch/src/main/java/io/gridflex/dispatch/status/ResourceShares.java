package io.gridflex.dispatch.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.DispatchStatus.ResourceShare;

/**
 * What each OpenADR resource an event names holds of it: how many of the resource's sites hold a part of the event
 * and the sum of the largest reduction each holds. A resource none of whose sites holds anything (all of them taken
 * by other events, offline, overridden, or a resource the program does not define) takes no part, which ven-gateway
 * tells the VTN with an opt-out for that resource. Only events of a program name resources; a manual event has none.
 */
@ApplicationScoped
public class ResourceShares {

    public List<ResourceShare> of(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                WITH named AS (
                    SELECT DISTINCT jsonb_array_elements_text(e.payload::jsonb -> 'targets' -> 'resourceIds')
                        AS resource_id, e.program_id
                    FROM dispatch.events e WHERE e.event_id = ? AND e.program_id IS NOT NULL
                ), held AS (
                    SELECT site_id, max(kw) AS peak_kw FROM dispatch.pieces WHERE event_id = ? GROUP BY site_id
                )
                SELECT n.resource_id, count(h.site_id) AS sites, COALESCE(sum(h.peak_kw), 0) AS committed_kw
                FROM named n
                LEFT JOIN dispatch.program_targets t
                    ON t.program_id = n.program_id AND t.kind = 'RESOURCE' AND t.target_id = n.resource_id
                LEFT JOIN held h ON h.site_id = t.site_id
                GROUP BY n.resource_id ORDER BY n.resource_id""")) {
            select.setString(1, eventId);
            select.setString(2, eventId);
            try (ResultSet rs = select.executeQuery()) {
                List<ResourceShare> shares = new ArrayList<>();
                while (rs.next()) {
                    shares.add(new ResourceShare(rs.getString("resource_id"), rs.getInt("sites"),
                            rs.getBigDecimal("committed_kw").doubleValue()));
                }
                return shares;
            }
        }
    }
}
