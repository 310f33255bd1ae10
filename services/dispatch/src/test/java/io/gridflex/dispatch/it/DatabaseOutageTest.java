package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.TestMessages.ack;
import static io.gridflex.dispatch.it.TestMessages.event;
import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static io.gridflex.dispatch.it.TestMessages.uniqueSite;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.CommandAck;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;
import io.gridflex.messages.Topics;
import io.gridflex.support.db.UntilStored;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.RestartablePostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PostgreSQL goes away while dispatch runs: every consumer holds its record and retries, readiness is DOWN, and once
 * the same server is back on the same port every record is stored exactly once, without restarting the application.
 */
@QuarkusTest
// The outage must not make the sites announced before it too old to take a share.
@WithTestResource(value = RestartablePostgresTestResource.class, initArgs = @ResourceArg(name = "gridflex.dispatch.sites.stale-after", value = "10m"))
@WithTestResource(KafkaTestResource.class)
class DatabaseOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void everyRecordWaitsOutTheOutageAndIsStoredOnceWhenTheDatabaseIsBack() throws Exception {
        DispatchDatabase db = new DispatchDatabase(dataSource);
        KafkaTestResource.broker().createTopics(
                List.of(Topics.DR_EVENTS, Topics.SITE_TELEMETRY, Topics.COMMAND_ACKS, Topics.SITE_COMMANDS), 3);
        try (TestKafka kafka = new TestKafka(KafkaTestResource.bootstrapServers())) {
            db.forgetSites();
            String east = uniqueSite("east");
            String west = uniqueSite("west");
            kafka.send(Topics.SITE_TELEMETRY, east, telemetry(east, 60));
            kafka.send(Topics.SITE_TELEMETRY, west, telemetry(west, 20));
            await().atMost(WAIT).untilAsserted(() -> given().get("/api/sites").then()
                    .body("siteId", hasItem(east)).body("siteId", hasItem(west)));
            DrEvent before = event(uniqueEventId(), 0, EventStatus.FAR, false, 40);
            kafka.send(Topics.DR_EVENTS, before.eventId(), json(before));
            await().atMost(WAIT).until(() -> db.commandCount(before.eventId()) == 2);
            String eastCommand = single("SELECT command_id FROM dispatch.commands WHERE event_id = ? AND site_id = ?",
                    before.eventId(), east);
            given().get("/q/health/ready").then().statusCode(200);
            double[] retriesBefore = retries();

            RestartablePostgresTestResource.stopServer();

            String north = uniqueSite("north");
            DrEvent during = event(uniqueEventId(), 0, EventStatus.FAR, false, 80);
            kafka.send(Topics.SITE_TELEMETRY, north, telemetry(north, 30));
            kafka.send(Topics.DR_EVENTS, during.eventId(), json(during));
            kafka.send(Topics.COMMAND_ACKS, east, ack(eastCommand, east, before.eventId(),
                    CommandAck.Status.ACCEPTED));

            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                    .body("status", equalTo("DOWN")));
            // Every channel is holding its record, not skipping it: each retries while the database is away.
            await().atMost(WAIT).until(() -> {
                double[] now = retries();
                return now[0] > retriesBefore[0] && now[1] > retriesBefore[1] && now[2] > retriesBefore[2];
            });

            RestartablePostgresTestResource.restart();

            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP")));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM dispatch.acks WHERE command_id = ?",
                    eastCommand) > 0 && count("SELECT count(*) FROM dispatch.sites WHERE site_id = ?", north) > 0
                    && db.commandCount(during.eventId()) > 0);
            assertThat(count("SELECT count(*) FROM dispatch.acks WHERE command_id = ?", eastCommand)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM dispatch.sites WHERE site_id = ?", north)).isEqualTo(1);
            assertThat(db.modificationNumber(during.eventId())).containsExactly("0");
            // Each consumer committed its held record and moved on: the event's commands all exist, one per site.
            await().atMost(WAIT).until(() -> db.commandCount(during.eventId()) == 2
                    || db.commandCount(during.eventId()) == 3);
            assertThat(count("SELECT count(*) - count(DISTINCT site_id) FROM dispatch.commands WHERE event_id = ?",
                    during.eventId())).isZero();
        }
    }

    /** Retries counted so far for dr-events, site-telemetry and command-acks. */
    private double[] retries() {
        return new double[]{retries("dr-events"), retries("site-telemetry"), retries("command-acks")};
    }

    private double retries(String channel) {
        Counter counter = registry.find(UntilStored.RETRIES).tag("channel", channel).counter();
        return counter == null ? 0 : counter.count();
    }

    private long count(String sql, String parameter) {
        return Long.parseLong(single(sql, parameter));
    }

    private String single(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            assertThat(rows).hasSize(1);
            return rows.getFirst();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
