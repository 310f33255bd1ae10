package io.gridflex.dispatch.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

/** OpenADR resources and groups of each program, and the sites they stand for. */
@ApplicationScoped
public class TargetRepository {

    public void replace(Connection connection, TargetMapping mapping) throws SQLException {
        delete(connection, mapping.programId(), mapping.kind(), mapping.targetId());
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO dispatch.program_targets (program_id, kind, target_id, site_id) VALUES (?, ?, ?, ?)
                """)) {
            for (String siteId : mapping.siteIds()) {
                insert.setString(1, mapping.programId());
                insert.setString(2, mapping.kind().name());
                insert.setString(3, mapping.targetId());
                insert.setString(4, siteId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** @return whether there was such a target */
    public boolean delete(Connection connection, String programId, TargetKind kind, String targetId)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM dispatch.program_targets WHERE program_id = ? AND kind = ? AND target_id = ?")) {
            delete.setString(1, programId);
            delete.setString(2, kind.name());
            delete.setString(3, targetId);
            return delete.executeUpdate() > 0;
        }
    }

    /** Drops a site from every target, as when it leaves a program or is removed. */
    public void forgetSite(Connection connection, String siteId, Collection<String> keptPrograms) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM dispatch.program_targets WHERE site_id = ? AND NOT (program_id = ANY (?))")) {
            delete.setString(1, siteId);
            delete.setArray(2, connection.createArrayOf("varchar", keptPrograms.toArray()));
            delete.executeUpdate();
        }
    }

    public List<TargetMapping> forProgram(Connection connection, String programId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT kind, target_id, site_id FROM dispatch.program_targets
                WHERE program_id = ? ORDER BY kind, target_id, site_id
                """)) {
            statement.setString(1, programId);
            Map<String, List<String>> sites = new LinkedHashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    sites.computeIfAbsent(rs.getString("kind") + "\n" + rs.getString("target_id"),
                            k -> new ArrayList<>()).add(rs.getString("site_id"));
                }
            }
            List<TargetMapping> mappings = new ArrayList<>();
            sites.forEach((key, ids) -> {
                String[] parts = key.split("\n", 2);
                mappings.add(new TargetMapping(programId, TargetKind.valueOf(parts[0]), parts[1], ids));
            });
            return mappings;
        }
    }

    /**
     * The sites the given targets of a program stand for, and the targets the registry does not know.
     *
     * @param resourceIds resourceIDs named by an event
     * @param groupIds groupIDs named by an event
     */
    public Resolution resolve(Connection connection, String programId, Collection<String> resourceIds,
            Collection<String> groupIds) throws SQLException {
        Set<String> sites = new TreeSet<>();
        Set<String> known = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT kind, target_id, site_id FROM dispatch.program_targets
                WHERE program_id = ? AND ((kind = 'RESOURCE' AND target_id = ANY (?))
                    OR (kind = 'GROUP' AND target_id = ANY (?)))
                """)) {
            statement.setString(1, programId);
            statement.setArray(2, connection.createArrayOf("varchar", resourceIds.toArray()));
            statement.setArray(3, connection.createArrayOf("varchar", groupIds.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getString("site_id"));
                    known.add(rs.getString("kind") + ":" + rs.getString("target_id"));
                }
            }
        }
        List<String> unknown = new ArrayList<>();
        resourceIds.stream().filter(id -> !known.contains("RESOURCE:" + id))
                .forEach(id -> unknown.add("resource " + id));
        groupIds.stream().filter(id -> !known.contains("GROUP:" + id)).forEach(id -> unknown.add("group " + id));
        return new Resolution(sites, unknown);
    }

    /**
     * @param siteIds the sites named
     * @param unknown targets the program does not define, e.g. {@code resource r-17}
     */
    public record Resolution(Set<String> siteIds, List<String> unknown) {
    }
}
