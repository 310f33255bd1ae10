package io.gridflex.siteagent.schedule;

import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.schedule;
import static io.gridflex.siteagent.Schedules.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.TestSiteConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The book over a real state file: what it acknowledges, in which order, and that it persisted it first. */
class ScheduleBookTest {

    private static final String SITE = "book-site";
    private static final Instant NOW = Instant.parse("2025-01-07T12:00:00Z");

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** For each ack sent, the revision the state file held at that moment. */
    private final List<Long> persistedWhenAcked = new CopyOnWriteArrayList<>();
    private TestSiteConfig config;
    private RecordingLink acksOut;

    @BeforeEach
    void files() {
        config = new TestSiteConfig(SITE, 100, List.of("127.0.0.1:4028"), dir.resolve("state.json"));
        StateFile file = new StateFile(config.stateFile());
        acksOut = new RecordingLink(payload -> persistedWhenAcked.add(file.load().lastRevision()));
    }

    private ScheduleBook newBook() {
        AgentMetrics metrics = new AgentMetrics(registry);
        return new ScheduleBook(config, clock, new AckPublisher(acksOut, codec, metrics), metrics);
    }

    private List<ScheduleAck> acks() {
        return acksOut.payloads().stream().map(p -> codec.decode(ScheduleAck.class, p)).toList();
    }

    private static SiteSchedule valid(long revision) {
        return schedule(SITE, revision, NOW, segment(NOW.plusSeconds(60), NOW.plusSeconds(600), event("ev1", 5)),
                segment(NOW.plusSeconds(600), NOW.plusSeconds(900), event("ev1", 5), event("ev2", 3)));
    }

    @Test
    void anAcceptedScheduleIsPersistedThenAcknowledged() {
        ScheduleBook book = newBook();

        book.offer(valid(3));

        assertThat(acks()).singleElement().satisfies(ack -> {
            assertThat(ack.status()).isEqualTo(ScheduleAck.Status.ACCEPTED);
            assertThat(ack.revision()).isEqualTo(3);
            assertThat(ack.siteId()).isEqualTo(SITE);
            assertThat(ack.segmentStart()).isNull();
            assertThat(ack.segmentEnd()).isNull();
            assertThat(ack.targetKw()).isZero();
            assertThat(ack.eventIds()).isEmpty();
        });
        assertThat(persistedWhenAcked).containsExactly(3L);
        assertThat(book.view().revision()).isEqualTo(3);
        assertThat(registry.get("gridflex.site.schedule.revision").gauge().value()).isEqualTo(3.0);
    }

    @Test
    void aRejectedScheduleIsAcknowledgedWithItsReasonAndTheHeldOneStays() {
        ScheduleBook book = newBook();
        book.offer(valid(1));
        SiteSchedule overlapping = schedule(SITE, 2, NOW,
                segment(NOW.plusSeconds(60), NOW.plusSeconds(600), event("ev1", 5)),
                segment(NOW.plusSeconds(300), NOW.plusSeconds(900), event("ev2", 3)));

        book.offer(overlapping);

        assertThat(acks()).extracting(ScheduleAck::status).containsExactly(ScheduleAck.Status.ACCEPTED,
                ScheduleAck.Status.REJECTED);
        ScheduleAck rejected = acks().getLast();
        assertThat(rejected.revision()).isEqualTo(2);
        assertThat(rejected.segmentStart()).isNull();
        assertThat(rejected.reason()).contains("segment 1").contains("overlap");
        assertThat(persistedWhenAcked).containsExactly(1L, 2L);
        assertThat(book.view().revision()).isEqualTo(1);
    }

    @Test
    void duplicatesAndOlderRevisionsAreNotAcknowledged() {
        ScheduleBook book = newBook();
        book.offer(valid(5));

        assertThat(book.offer(valid(5))).isInstanceOf(Decision.Ignored.class);
        assertThat(book.offer(valid(4))).isInstanceOf(Decision.Ignored.class);

        assertThat(acks()).hasSize(1);
        assertThat(book.view().revision()).isEqualTo(5);
    }

    @Test
    void anEmptyScheduleIsAcceptedAsTheWayACancellationArrives() {
        ScheduleBook book = newBook();
        book.offer(valid(1));

        book.offer(schedule(SITE, 2, NOW));

        assertThat(acks()).extracting(ScheduleAck::status).containsExactly(ScheduleAck.Status.ACCEPTED,
                ScheduleAck.Status.ACCEPTED);
        assertThat(book.view().schedule().segments()).isEmpty();
        assertThat(book.view().segmentAt(NOW.plusSeconds(100))).isEmpty();
    }

    @Test
    void aRestartedBookResumesFromTheStateFile() {
        ScheduleBook before = newBook();
        before.offer(valid(9));
        SegmentProgress present = SegmentProgress.begin(9, before.view().schedule().segments().getFirst(),
                NOW.plusSeconds(60));
        before.moveTo(present, null, null);
        before.hold(new HeldMiner("127.0.0.1:4028", 3010, NOW.plusSeconds(60), null));
        before.shed(present, 2.99, 5, "1 miners stopped");
        int acksBefore = acks().size();

        ScheduleBook after = newBook();

        assertThat(after.view()).isEqualTo(before.view());
        assertThat(after.heldReductionKw()).isEqualTo(2.99);
        assertThat(after.offer(valid(9))).isInstanceOf(Decision.Ignored.class);
        assertThat(after.shed(present, 2.99, 5, "again")).isFalse();
        assertThat(acks()).hasSize(acksBefore);
    }

    @Test
    void segmentAcksNameTheSegmentTheRevisionItWasSeenInAndWhoAskedForIt() {
        ScheduleBook book = newBook();
        book.offer(valid(2));
        SiteSchedule schedule = book.view().schedule();
        SegmentProgress first = SegmentProgress.begin(2, schedule.segments().getFirst(), NOW.plusSeconds(60));
        book.moveTo(first, null, null);
        book.shed(first, 5.98, 5, "2 miners stopped");
        SegmentProgress second = SegmentProgress.begin(2, schedule.segments().getLast(), NOW.plusSeconds(600));
        book.moveTo(second, null, null);
        book.shed(second, 8.97, 8, "1 miners stopped");
        book.moveTo(null, book.view().present(), "segment ended");
        book.restored(null);

        List<ScheduleAck> segmentAcks = acks().subList(1, acks().size());
        assertThat(segmentAcks).extracting(ScheduleAck::status).containsExactly(ScheduleAck.Status.SHED,
                ScheduleAck.Status.SHED, ScheduleAck.Status.RESTORING, ScheduleAck.Status.RESTORED);
        assertThat(segmentAcks.getFirst().eventIds()).containsExactly("ev1");
        assertThat(segmentAcks.getFirst().segmentStart()).isEqualTo(NOW.plusSeconds(60));
        assertThat(segmentAcks.getFirst().segmentEnd()).isEqualTo(NOW.plusSeconds(600));
        assertThat(segmentAcks.get(1).eventIds()).containsExactly("ev1", "ev2");
        assertThat(segmentAcks.subList(1, 4)).allSatisfy(ack -> {
            assertThat(ack.revision()).isEqualTo(2);
            assertThat(ack.segmentStart()).isEqualTo(NOW.plusSeconds(600));
            assertThat(ack.targetKw()).isEqualTo(8);
        });
        assertThat(segmentAcks.get(2).reason()).isEqualTo("segment ended");
    }
}
