package io.gridflex.dispatch.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import io.gridflex.messages.DispatchStatus;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.TestKafka;

/** Waiting for what dispatch publishes, and reading schedules the way a site agent would. */
final class Schedules {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Schedules() {
    }

    /** The site's newest schedule, once it satisfies {@code condition}. */
    static SiteSchedule awaitLatest(ScheduleTopic topic, String siteId, Predicate<SiteSchedule> condition) {
        return await().atMost(WAIT).until(() -> topic.latest(siteId).orElse(null),
                s -> s != null && condition.test(s));
    }

    /** The first status report on the event that satisfies {@code matching}. */
    static DispatchStatus awaitStatus(TestKafka kafka, String eventId, Predicate<DispatchStatus> matching) {
        var record = kafka.awaitRecord(Topics.DISPATCH_STATUS, r -> eventId.equals(r.key())
                && matching.test(TestMessages.codec().decode(DispatchStatus.class, r.value())), WAIT);
        return TestMessages.codec().decode(DispatchStatus.class, record.value());
    }

    /** What the schedule asks the site to hold off right now. */
    static double shedNow(SiteSchedule schedule) {
        return schedule.segmentAt(Instant.now()).map(ScheduleSegment::shedKw).orElse(0.0);
    }

    /** What its first segment asks, now or ahead. */
    static double shedFirst(SiteSchedule schedule) {
        return schedule.segments().isEmpty() ? 0 : schedule.segments().getFirst().shedKw();
    }
}
