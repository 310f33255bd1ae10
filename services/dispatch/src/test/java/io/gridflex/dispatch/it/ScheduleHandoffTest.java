package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.Operator.operator;
import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.now;
import static io.gridflex.dispatch.it.TestMessages.reduction;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static io.gridflex.dispatch.it.TestMessages.withIntervals;
import static io.gridflex.dispatch.it.TestMessages.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Schedules go to Kafka as their transaction commits, handed to the relay rather than read back by one of its rounds
 * (which this profile keeps away for an hour): an event, its modification and its cancellation, and an operator's
 * override, each reach the sites in the order issued, and nothing waits in the outbox afterwards.
 */
@QuarkusTest
@TestProfile(RelayOnlyWhenHanded.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class ScheduleHandoffTest {

    @RegisterExtension
    static final Channels channels = new Channels();

    @Inject
    DataSource dataSource;

    /** North (first in merit order) can shed 300 kW, south 100 kW. */
    private TwoSites sites;
    private String north;
    private String south;

    @BeforeEach
    void fleet() {
        sites = TwoSites.register(1000, 300, 100, channels.kafka());
        north = sites.first();
        south = sites.second();
    }

    @Test
    void anEventItsModificationAndItsCancellationReachTheSitesInTheOrderIssued() {
        Instant start = now().plus(Duration.ofMinutes(30));
        DrEvent event = reduction(uniqueEventId(), sites.program(), 0, start, 30, 350);
        send(event);
        awaitLatest(north, s -> Schedules.shedFirst(s) == 300.0);
        awaitLatest(south, s -> Schedules.shedFirst(s) == 50.0);

        send(withIntervals(event, 1, List.of(new DrInterval(start, start.plus(Duration.ofMinutes(30)),
                new BigDecimal("200")))));
        awaitLatest(north, s -> Schedules.shedFirst(s) == 200.0);
        awaitLatest(south, s -> s.segments().isEmpty());

        send(withStatus(event, 2, EventStatus.CANCELLED));
        awaitLatest(north, s -> s.segments().isEmpty());

        for (String site : List.of(north, south)) {
            List<Long> revisions = channels.schedules().forSite(site).stream().map(SiteSchedule::revision).toList();
            assertThat(revisions).as(site).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
            assertThat(revisions.getFirst()).as(site).isEqualTo(1L);
            assertThat(revisions.getLast()).as(site).isEqualTo(revisions.size());
        }
        assertThat(channels.schedules().forSite(north)).hasSize(3);
        awaitOutboxEmpty();
    }

    @Test
    void anOverridesSchedulesGoAsItCommits() {
        DrEvent event = reduction(uniqueEventId(), sites.program(), 0, now().plusSeconds(3600), 30, 100);
        send(event);
        awaitLatest(north, s -> Schedules.shedFirst(s) == 100.0);

        operator().body(Map.of("kind", "HOLD", "until", now().plus(Duration.ofHours(3)).toString(), "reason",
                "inspection")).post("/api/sites/" + north + "/overrides").then().statusCode(201);

        awaitLatest(north, s -> s.segments().isEmpty());
        awaitLatest(south, s -> Schedules.shedFirst(s) == 100.0);
        awaitOutboxEmpty();
    }

    private void send(DrEvent event) {
        channels.kafka().send(Topics.DR_EVENTS, event.eventId(), json(event));
    }

    private void awaitOutboxEmpty() {
        await("the outbox emptied of these sites' schedules").atMost(Duration.ofSeconds(30))
                .until(() -> new DispatchDatabase(dataSource).query(
                        "SELECT site_id FROM dispatch.schedule_outbox WHERE site_id IN (?, ?)", north, south)
                        .isEmpty());
    }

    private static SiteSchedule awaitLatest(String siteId, Predicate<SiteSchedule> condition) {
        return Schedules.awaitLatest(channels.schedules(), siteId, condition);
    }
}
