package io.gridflex.dispatch.registry;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.setDecimal;
import static io.gridflex.support.db.Sql.setInstant;
import static io.gridflex.support.db.Sql.texts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The registered sites and their enrollments. */
@ApplicationScoped
public class SiteRepository {

    private static final String COLUMNS = """
            site_id, name, time_zone, max_shed_kw, min_mining_kw, ramp_down_kw_per_min, ramp_up_kw_per_min, priority,
            revenue_share, owner_name, owner_email, import_limit_kw, datacentre_committed_kw, strike_price_per_mwh,
            status, version, created_at, created_by, updated_at, updated_by
            """;

    public void insert(Connection connection, Site site) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO dispatch.sites (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(statement, site);
            statement.executeUpdate();
        }
        replaceEnrollments(connection, site.siteId(), site.enrollments());
    }

    /** Writes {@code site} over the stored one; the caller has locked the row and checked its version. */
    public void update(Connection connection, Site site) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE dispatch.sites SET name = ?, time_zone = ?, max_shed_kw = ?, min_mining_kw = ?,
                    ramp_down_kw_per_min = ?, ramp_up_kw_per_min = ?, priority = ?, revenue_share = ?, owner_name = ?,
                    owner_email = ?, import_limit_kw = ?, datacentre_committed_kw = ?, strike_price_per_mwh = ?,
                    status = ?, version = ?, updated_at = ?, updated_by = ?
                WHERE site_id = ?
                """)) {
            statement.setString(1, site.name());
            statement.setString(2, site.timeZone());
            statement.setBigDecimal(3, site.maxShedKw());
            statement.setBigDecimal(4, site.minMiningKw());
            setDecimal(statement, 5, site.rampDownKwPerMin());
            setDecimal(statement, 6, site.rampUpKwPerMin());
            statement.setInt(7, site.priority());
            statement.setBigDecimal(8, site.revenueShare());
            statement.setString(9, site.owner().name());
            statement.setString(10, site.owner().email());
            statement.setBigDecimal(11, site.importLimitKw());
            statement.setBigDecimal(12, site.datacentreCommittedKw());
            setDecimal(statement, 13, site.strikePricePerMwh());
            statement.setString(14, site.status().name());
            statement.setLong(15, site.version());
            setInstant(statement, 16, site.updatedAt());
            statement.setString(17, site.updatedBy());
            statement.setString(18, site.siteId());
            statement.executeUpdate();
        }
        replaceEnrollments(connection, site.siteId(), site.enrollments());
    }

    public Optional<Site> find(Connection connection, String siteId) throws SQLException {
        return findOne(connection, siteId, "");
    }

    /** The site, locked until the caller's transaction ends, so a concurrent update waits and then sees the result. */
    public Optional<Site> lock(Connection connection, String siteId) throws SQLException {
        return findOne(connection, siteId, " FOR UPDATE");
    }

    /** Every site not removed, by id. */
    public List<Site> list(Connection connection, boolean includeRemoved) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM dispatch.sites"
                + (includeRemoved ? "" : " WHERE status <> 'REMOVED'") + " ORDER BY site_id")) {
            return withEnrollments(connection, read(statement));
        }
    }

    public List<Site> findAll(Connection connection, Collection<String> siteIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + """
                 FROM dispatch.sites JOIN unnest(?::text[]) AS i(id) ON site_id = i.id ORDER BY site_id
                """)) {
            statement.setArray(1, texts(connection, siteIds));
            return withEnrollments(connection, read(statement));
        }
    }

    /** The active sites enrolled in the program, by id. */
    public List<String> activeIn(Connection connection, String programId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT s.site_id FROM dispatch.sites s JOIN dispatch.enrollments e ON e.site_id = s.site_id
                WHERE e.program_id = ? AND s.status = 'ACTIVE' ORDER BY s.site_id
                """)) {
            statement.setString(1, programId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /** Whether any site is enrolled in the program. */
    public boolean anyEnrolledIn(Connection connection, String programId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM dispatch.enrollments WHERE program_id = ? LIMIT 1")) {
            statement.setString(1, programId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Optional<Site> findOne(Connection connection, String siteId, String lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM dispatch.sites WHERE site_id = ?" + lock)) {
            statement.setString(1, siteId);
            return withEnrollments(connection, read(statement)).stream().findFirst();
        }
    }

    private static void replaceEnrollments(Connection connection, String siteId, List<Enrollment> enrollments)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM dispatch.enrollments WHERE site_id = ?")) {
            delete.setString(1, siteId);
            delete.executeUpdate();
        }
        if (enrollments.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO dispatch.enrollments (site_id, program_id, enrolled_kw) VALUES (?, ?, ?)")) {
            for (Enrollment enrollment : enrollments) {
                insert.setString(1, siteId);
                insert.setString(2, enrollment.programId());
                insert.setBigDecimal(3, enrollment.enrolledKw());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<Site> withEnrollments(Connection connection, List<Site> sites) throws SQLException {
        if (sites.isEmpty()) {
            return sites;
        }
        Map<String, List<Enrollment>> bySite = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT site_id, program_id, enrolled_kw FROM dispatch.enrollments
                JOIN unnest(?::text[]) AS i(id) ON site_id = i.id ORDER BY site_id, program_id
                """)) {
            statement.setArray(1, texts(connection, sites.stream().map(Site::siteId).toList()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    bySite.computeIfAbsent(rs.getString("site_id"), s -> new ArrayList<>())
                            .add(new Enrollment(rs.getString("program_id"), rs.getBigDecimal("enrolled_kw")));
                }
            }
        }
        return sites.stream().map(s -> s.withEnrollments(bySite.getOrDefault(s.siteId(), List.of()))).toList();
    }

    private static List<Site> read(PreparedStatement statement) throws SQLException {
        List<Site> sites = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                sites.add(new Site(rs.getString("site_id"), rs.getString("name"), rs.getString("time_zone"),
                        rs.getBigDecimal("max_shed_kw"), rs.getBigDecimal("min_mining_kw"),
                        rs.getBigDecimal("ramp_down_kw_per_min"), rs.getBigDecimal("ramp_up_kw_per_min"),
                        rs.getInt("priority"), rs.getBigDecimal("revenue_share"),
                        new Owner(rs.getString("owner_name"), rs.getString("owner_email")),
                        rs.getBigDecimal("import_limit_kw"), rs.getBigDecimal("datacentre_committed_kw"),
                        rs.getBigDecimal("strike_price_per_mwh"), SiteStatus.valueOf(rs.getString("status")),
                        List.of(), rs.getLong("version"), instant(rs, "created_at"), rs.getString("created_by"),
                        instant(rs, "updated_at"), rs.getString("updated_by")));
            }
        }
        return sites;
    }

    private static void bind(PreparedStatement statement, Site site) throws SQLException {
        statement.setString(1, site.siteId());
        statement.setString(2, site.name());
        statement.setString(3, site.timeZone());
        statement.setBigDecimal(4, site.maxShedKw());
        statement.setBigDecimal(5, site.minMiningKw());
        setDecimal(statement, 6, site.rampDownKwPerMin());
        setDecimal(statement, 7, site.rampUpKwPerMin());
        statement.setInt(8, site.priority());
        statement.setBigDecimal(9, site.revenueShare());
        statement.setString(10, site.owner().name());
        statement.setString(11, site.owner().email());
        statement.setBigDecimal(12, site.importLimitKw());
        statement.setBigDecimal(13, site.datacentreCommittedKw());
        setDecimal(statement, 14, site.strikePricePerMwh());
        statement.setString(15, site.status().name());
        statement.setLong(16, site.version());
        setInstant(statement, 17, site.createdAt());
        statement.setString(18, site.createdBy());
        setInstant(statement, 19, site.updatedAt());
        statement.setString(20, site.updatedBy());
    }
}
