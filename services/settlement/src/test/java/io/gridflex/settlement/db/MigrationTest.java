package io.gridflex.settlement.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.gridflex.infra.PostgresServer;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.SharedInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The schedule-contract migration on a real PostgreSQL database that already holds what the first version stored:
 * events keep every figure (the signal value exactly), metered intervals survive, and the command-based participation
 * goes. A database of its own, so the service's schema is untouched; a Quarkus test only because Flyway's PostgreSQL
 * support reaches the classpath through the Quarkus extension.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class MigrationTest {

    @Test
    void dataOfTheFirstVersionSurvivesTheSecond() throws SQLException {
        PostgresServer server = SharedInfrastructure.postgres();
        String database = "settlement_migration_" + UUID.randomUUID().toString().substring(0, 8);
        server.createDatabase(database);
        String url = server.jdbcUrl(database);
        Flyway.configure().dataSource(url, PostgresServer.USER, PostgresServer.PASSWORD).schemas("settlement")
                .createSchemas(true).target("1").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
                Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO settlement.dr_event VALUES ('vtn/e1', 'vtn', 'e1', 3, 'http://m', 'ACTIVE',
                        '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z', 0, false, '2026-03-01T09:00:00Z');
                    INSERT INTO settlement.dr_event_interval VALUES ('vtn/e1', 0, '2026-03-01T10:00:00Z',
                        '2026-03-01T11:00:00Z', 250.125);
                    INSERT INTO settlement.meter_interval VALUES ('site-1', '2026-03-01T10:00:00Z',
                        '2026-03-01T10:00:10Z', 90, 0.25, 'vtn/e1#0@site-1', '2026-03-01T10:00:11Z');
                    INSERT INTO settlement.site_participation VALUES ('vtn/e1', 'site-1', 0, 100,
                        '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z', NULL, 'vtn/e1#0@site-1', now());
                    """);

            Flyway.configure().dataSource(url, PostgresServer.USER, PostgresServer.PASSWORD).schemas("settlement")
                    .load().migrate();

            try (ResultSet event = sql.executeQuery("""
                    SELECT program, signal, currency, cardinality(target_resource_ids) AS resources,
                           cardinality(target_group_ids) AS groups, start_after_seconds, modification_number
                      FROM settlement.dr_event WHERE event_id = 'vtn/e1'
                    """)) {
                assertThat(event.next()).isTrue();
                assertThat(event.getString("program")).isNull();
                assertThat(event.getString("signal")).isEqualTo("REDUCTION_KW");
                assertThat(event.getString("currency")).isNull();
                assertThat(event.getInt("resources")).isZero();
                assertThat(event.getInt("groups")).isZero();
                assertThat(event.getLong("start_after_seconds")).isZero();
                assertThat(event.getLong("modification_number")).isEqualTo(3);
            }
            try (ResultSet interval = sql.executeQuery(
                    "SELECT value FROM settlement.dr_event_interval WHERE event_id = 'vtn/e1'")) {
                assertThat(interval.next()).isTrue();
                assertThat(interval.getBigDecimal("value")).isEqualByComparingTo(new BigDecimal("250.125"));
            }
            try (ResultSet metered = sql.executeQuery("""
                    SELECT energy_kwh, schedule_revision, source, coverage FROM settlement.meter_interval
                     WHERE site_id = 'site-1'
                    """)) {
                assertThat(metered.next()).isTrue();
                assertThat(metered.getBigDecimal("energy_kwh")).isEqualByComparingTo("0.25");
                assertThat(metered.getObject("schedule_revision")).isNull();
                assertThat(metered.getString("source")).isNull();
                assertThat(metered.getObject("coverage")).isNull();
            }
            try (ResultSet tables = sql.executeQuery("""
                    SELECT count(*) FILTER (WHERE table_name = 'site_participation') AS participation,
                           count(*) FILTER (WHERE table_name = 'site_schedule') AS schedules
                      FROM information_schema.tables WHERE table_schema = 'settlement'
                    """)) {
                tables.next();
                assertThat(tables.getInt("participation")).isZero();
                assertThat(tables.getInt("schedules")).isOne();
            }
        }
    }
}
