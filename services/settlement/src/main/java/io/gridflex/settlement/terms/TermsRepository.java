package io.gridflex.settlement.terms;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.messages.MessageCodec;
import io.gridflex.settlement.method.PerformanceRules;
import io.gridflex.support.db.Sql;

/** Program terms in {@code settlement.program_terms} and site contracts in {@code settlement.site_contract}. */
@ApplicationScoped
public class TermsRepository {

    private static final String COLUMNS = """
            program, version, effective_from, time_zone, interval_minutes, minimum_coverage, minimum_site_coverage, method,
            method_parameters, nerc_holidays, extra_holidays, floor_intervals, floor_event_total, averaging, currency,
            energy_price_per_mwh, capacity_rate_per_mw, net_cone_per_mw_day, assessment_hours, owner_share,
            created_by, created_at
            """;

    private final ObjectMapper json = MessageCodec.newObjectMapper();

    /** The next version number of the program's terms; call under the program's lock. */
    public int nextVersion(Connection connection, String program) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "settlement.program_terms/" + program);
            lock.execute();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM settlement.program_terms WHERE program = ?")) {
            statement.setString(1, program);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    public void insert(Connection connection, ProgramTerms terms) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO settlement.program_terms ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            statement.setString(i++, terms.program());
            statement.setInt(i++, terms.version());
            statement.setDate(i++, Date.valueOf(terms.effectiveFrom()));
            statement.setString(i++, terms.timeZone().getId());
            statement.setInt(i++, terms.intervalMinutes());
            statement.setBigDecimal(i++, terms.minimumCoverage());
            statement.setBigDecimal(i++, terms.minimumSiteCoverage());
            statement.setString(i++, terms.method());
            statement.setString(i++, write(terms.methodParameters()));
            statement.setBoolean(i++, terms.nercHolidays());
            statement.setArray(i++, connection.createArrayOf("date",
                    terms.extraHolidays().stream().map(Date::valueOf).toArray()));
            statement.setBoolean(i++, terms.floorIntervals());
            statement.setBoolean(i++, terms.floorEventTotal());
            statement.setString(i++, terms.averaging().name());
            statement.setString(i++, terms.currency());
            statement.setBigDecimal(i++, terms.energyPricePerMwh());
            statement.setBigDecimal(i++, terms.capacityRatePerMw());
            statement.setBigDecimal(i++, terms.netConePerMwDay());
            statement.setInt(i++, terms.assessmentHours());
            statement.setBigDecimal(i++, terms.ownerShare());
            statement.setString(i++, terms.createdBy());
            Sql.setInstant(statement, i, terms.createdAt());
            statement.executeUpdate();
        }
    }

    /** The program's terms of {@code version}, or its newest when {@code version} is null. */
    public Optional<ProgramTerms> find(Connection connection, String program, Integer version) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM settlement.program_terms WHERE program = ?"
                + (version == null ? "" : " AND version = ?") + " ORDER BY version DESC LIMIT 1";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, program);
            if (version != null) {
                statement.setInt(2, version);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    /** Every version of the program's terms, oldest first. */
    public TermsInForce all(Connection connection, String program) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM settlement.program_terms WHERE program = ? ORDER BY version")) {
            statement.setString(1, program);
            List<ProgramTerms> versions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    versions.add(read(rows));
                }
            }
            return new TermsInForce(versions);
        }
    }

    /** Each program's time zone by its newest terms. */
    public Map<String, ZoneId> zones(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT DISTINCT ON (program) program, time_zone FROM settlement.program_terms
                 ORDER BY program, version DESC
                """); ResultSet rows = statement.executeQuery()) {
            Map<String, ZoneId> zones = new TreeMap<>();
            while (rows.next()) {
                zones.put(rows.getString(1), ZoneId.of(rows.getString(2)));
            }
            return zones;
        }
    }

    /** The site owner's share by the site's newest contract, when it has one. */
    public Optional<BigDecimal> ownerShare(Connection connection, String siteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT owner_share FROM settlement.site_contract WHERE site_id = ? ORDER BY version DESC LIMIT 1
                """)) {
            statement.setString(1, siteId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBigDecimal(1)) : Optional.empty();
            }
        }
    }

    /** Stores a new version of the site's contract and returns its number. */
    public int insertContract(Connection connection, String siteId, BigDecimal ownerShare, String actor,
            java.time.Instant at) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO settlement.site_contract (site_id, version, owner_share, created_by, created_at)
                SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ? FROM settlement.site_contract WHERE site_id = ?
                RETURNING version
                """)) {
            statement.setString(1, siteId);
            statement.setBigDecimal(2, ownerShare);
            statement.setString(3, actor);
            Sql.setInstant(statement, 4, at);
            statement.setString(5, siteId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private ProgramTerms read(ResultSet rows) throws SQLException {
        Array holidays = rows.getArray("extra_holidays");
        List<LocalDate> extra = new ArrayList<>();
        Arrays.stream((Object[]) holidays.getArray()).forEach(day -> extra.add(((Date) day).toLocalDate()));
        return new ProgramTerms(rows.getString("program"), rows.getInt("version"),
                rows.getDate("effective_from").toLocalDate(),
                ZoneId.of(rows.getString("time_zone")), rows.getInt("interval_minutes"),
                rows.getBigDecimal("minimum_coverage"), rows.getBigDecimal("minimum_site_coverage"),
                rows.getString("method"),
                readMap(rows.getString("method_parameters")), rows.getBoolean("nerc_holidays"), extra,
                rows.getBoolean("floor_intervals"), rows.getBoolean("floor_event_total"),
                PerformanceRules.Averaging.valueOf(rows.getString("averaging")), rows.getString("currency"),
                rows.getBigDecimal("energy_price_per_mwh"), rows.getBigDecimal("capacity_rate_per_mw"),
                rows.getBigDecimal("net_cone_per_mw_day"), rows.getInt("assessment_hours"),
                rows.getBigDecimal("owner_share"), rows.getString("created_by"), Sql.instant(rows, "created_at"));
    }

    private String write(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private TreeMap<String, String> readMap(String text) {
        try {
            return json.readValue(text, new TypeReference<TreeMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored method parameters are not JSON", e);
        }
    }
}
