package io.gridflex.siteagent.schedule;

import static io.gridflex.siteagent.Schedules.cap;
import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.schedule;
import static io.gridflex.siteagent.Schedules.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;

class ScheduleLedgerTest {

    private static final String SITE = "site-a";
    private static final Instant NOW = Instant.parse("2025-01-07T12:00:00Z");

    private final ScheduleLedger ledger = new ScheduleLedger(SITE, Duration.ofSeconds(5));

    private static SiteSchedule oneSegment(long revision, double kw) {
        return schedule(SITE, revision, NOW, segment(NOW.plusSeconds(60), NOW.plusSeconds(3600), event("ev1", kw)));
    }

    private static SiteSchedule withSegments(long revision, ScheduleSegment... segments) {
        return schedule(SITE, revision, NOW, segments);
    }

    @Test
    void aValidScheduleIsHeld() {
        Decision decision = ledger.offer(oneSegment(1, 12), NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Accepted.class,
                d -> assertThat(d.replacedRevision()).isZero());
        assertThat(ledger.schedule()).get().extracting(SiteSchedule::revision).isEqualTo(1L);
        assertThat(ledger.acceptedAt()).isEqualTo(NOW);
    }

    @Test
    void theNewestRevisionWinsAndAnOlderOneIsIgnored() {
        ledger.offer(oneSegment(1, 12), NOW);

        Decision newer = ledger.offer(oneSegment(3, 20), NOW.plusSeconds(1));
        assertThat(newer).isInstanceOfSatisfying(Decision.Accepted.class,
                d -> assertThat(d.replacedRevision()).isEqualTo(1));
        assertThat(ledger.acceptedAt()).isEqualTo(NOW.plusSeconds(1));

        Decision older = ledger.offer(oneSegment(2, 5), NOW.plusSeconds(2));
        assertThat(older).isInstanceOfSatisfying(Decision.Ignored.class,
                d -> assertThat(d.why()).isEqualTo(Decision.Why.STALE_REVISION));
        assertThat(ledger.schedule().orElseThrow().segments().getFirst().shedKw()).isEqualTo(20);
        assertThat(ledger.acceptedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void theSameRevisionAgainIsADuplicate() {
        ledger.offer(oneSegment(4, 12), NOW);

        Decision again = ledger.offer(oneSegment(4, 12), NOW.plusSeconds(1));

        assertThat(again).isInstanceOfSatisfying(Decision.Ignored.class,
                d -> assertThat(d.why()).isEqualTo(Decision.Why.DUPLICATE));
        assertThat(ledger.acceptedAt()).isEqualTo(NOW);
    }

    @Test
    void aRejectedRevisionIsDecidedOnceAndTheHeldScheduleStays() {
        ledger.offer(oneSegment(1, 12), NOW);
        SiteSchedule bad = withSegments(2, segment(NOW.plusSeconds(60), NOW.plusSeconds(60), event("ev1", 5)));

        assertThat(ledger.offer(bad, NOW)).isInstanceOf(Decision.Rejected.class);
        assertThat(ledger.offer(bad, NOW)).isInstanceOfSatisfying(Decision.Ignored.class,
                d -> assertThat(d.why()).isEqualTo(Decision.Why.DUPLICATE));

        assertThat(ledger.schedule().orElseThrow().revision()).isEqualTo(1);
        assertThat(ledger.offer(oneSegment(3, 8), NOW)).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void anotherSitesScheduleIsIgnored() {
        SiteSchedule foreign = schedule("site-b", 1, NOW, segment(NOW, NOW.plusSeconds(60), event("ev1", 5)));

        assertThat(ledger.offer(foreign, NOW)).isInstanceOfSatisfying(Decision.Ignored.class,
                d -> assertThat(d.why()).isEqualTo(Decision.Why.FOREIGN_SITE));
        assertThat(ledger.schedule()).isEmpty();
        // Another site's revision numbers are its own: they do not make this site's schedules look old.
        assertThat(ledger.offer(oneSegment(1, 5), NOW)).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void aSegmentEndingAtItsStartIsRejected() {
        assertRejected(withSegments(2, segment(NOW.plusSeconds(60), NOW.plusSeconds(60), event("ev1", 5))),
                "not after its start");
    }

    @Test
    void aSegmentEndingBeforeItsStartIsRejected() {
        assertRejected(withSegments(2, segment(NOW.plusSeconds(60), NOW.plusSeconds(30), event("ev1", 5))),
                "not after its start");
    }

    @Test
    void segmentsOutOfTimeOrderAreRejected() {
        assertRejected(withSegments(2,
                segment(NOW.plusSeconds(600), NOW.plusSeconds(900), event("ev1", 5)),
                segment(NOW.plusSeconds(60), NOW.plusSeconds(120), event("ev1", 5))), "time order");
    }

    @Test
    void overlappingSegmentsAreRejected() {
        assertRejected(withSegments(2,
                segment(NOW.plusSeconds(60), NOW.plusSeconds(600), event("ev1", 5)),
                segment(NOW.plusSeconds(599), NOW.plusSeconds(900), event("ev2", 5))), "not overlap");
    }

    @Test
    void contributionsThatDoNotAddUpToTheSegmentAreRejected() {
        ScheduleSegment wrong = new ScheduleSegment(NOW.plusSeconds(60), NOW.plusSeconds(600), 10, null,
                List.of(event("ev1", 5), event("ev2", 4.9)));

        assertRejected(withSegments(2, wrong), "contributions sum to 9.900 kW");
    }

    @Test
    void contributionsWithinRoundingOfTheSegmentAreAccepted() {
        ScheduleSegment rounded = new ScheduleSegment(NOW.plusSeconds(60), NOW.plusSeconds(600), 10, null,
                List.of(event("ev1", 3.33), event("ev2", 6.66)));

        assertThat(ledger.offer(withSegments(1, rounded), NOW)).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void aScheduleIssuedTooFarAheadOfTheSiteClockIsRejected() {
        SiteSchedule ahead = schedule(SITE, 2, NOW.plusSeconds(30),
                segment(NOW.plusSeconds(60), NOW.plusSeconds(600), event("ev1", 5)));

        assertRejected(ahead, "ahead of the site clock");
    }

    @Test
    void aScheduleIssuedWithinTheClockSkewIsAccepted() {
        SiteSchedule slightlyAhead = schedule(SITE, 1, NOW.plusSeconds(4),
                segment(NOW.plusSeconds(60), NOW.plusSeconds(600), event("ev1", 5)));

        assertThat(ledger.offer(slightlyAhead, NOW)).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void aScheduleWithoutSegmentsOrWithOnlyPastOnesIsAccepted() {
        ledger.offer(oneSegment(1, 12), NOW);

        assertThat(ledger.offer(withSegments(2), NOW)).isInstanceOf(Decision.Accepted.class);
        assertThat(ledger.schedule().orElseThrow().segments()).isEmpty();

        SiteSchedule past = withSegments(3, segment(NOW.minusSeconds(600), NOW.minusSeconds(60), event("ev1", 5)));
        assertThat(ledger.offer(past, NOW)).isInstanceOf(Decision.Accepted.class);
        assertThat(ledger.schedule().orElseThrow().segmentAt(NOW)).isEmpty();
    }

    @Test
    void acceptingAScheduleLeavesTheProgressAndTheHeldMinersAlone() {
        ledger.offer(oneSegment(1, 12), NOW);
        SegmentProgress present = SegmentProgress.begin(1, ledger.schedule().orElseThrow().segments().getFirst(),
                NOW.plusSeconds(60));
        ledger.moveTo(present);
        ledger.markShed(present, 12);
        ledger.hold(new HeldMiner("127.0.0.1:4028", 3010, NOW.plusSeconds(60), null));

        ledger.offer(oneSegment(2, 12), NOW.plusSeconds(61));

        assertThat(ledger.present()).get().satisfies(p -> {
            assertThat(p.shed()).isTrue();
            assertThat(p.revision()).isEqualTo(1);
        });
        assertThat(ledger.held()).hasSize(1);
    }

    @Test
    void aSegmentIsAcknowledgedOnceAndOnlyWhileItIsThePresentOne() {
        ledger.offer(oneSegment(1, 12), NOW);
        ScheduleSegment segment = ledger.schedule().orElseThrow().segments().getFirst();
        SegmentProgress present = SegmentProgress.begin(1, segment, NOW.plusSeconds(60));
        ledger.moveTo(present);

        assertThat(ledger.markShed(present, 12)).isTrue();
        assertThat(ledger.markShed(present, 12)).isFalse();

        SegmentProgress lowered = SegmentProgress.begin(2, segment(segment.start(), segment.end(), event("ev1", 6)),
                NOW.plusSeconds(70));
        ledger.moveTo(lowered);
        assertThat(ledger.markShed(present, 12)).isFalse();
        assertThat(ledger.present().orElseThrow().shed()).isFalse();
    }

    @Test
    void theSameTargetInANewerRevisionIsTheSameSegment() {
        ScheduleSegment first = segment(NOW, NOW.plusSeconds(600), event("ev1", 5));
        SegmentProgress progress = SegmentProgress.begin(1, first, NOW);

        assertThat(progress.sameTarget(segment(NOW, NOW.plusSeconds(300), event("ev1", 5)))).isTrue();
        assertThat(progress.sameTarget(segment(NOW, NOW.plusSeconds(600), event("ev1", 2), event("ev2", 3))))
                .isTrue();
        assertThat(progress.sameTarget(segment(NOW, NOW.plusSeconds(600), event("ev1", 6)))).isFalse();
        assertThat(progress.sameTarget(segment(NOW.plusSeconds(1), NOW.plusSeconds(600), event("ev1", 5))))
                .isFalse();
        assertThat(progress.sameTarget(segment(NOW, NOW.plusSeconds(600), event("ev1", 5),
                cap("ev2", 50)))).isFalse();
        assertThat(progress.unchanged(1, first)).isTrue();
        assertThat(progress.unchanged(2, first)).isFalse();
    }

    @Test
    void aRestartedLedgerCarriesOnFromThePersistedState() {
        ledger.offer(oneSegment(7, 12), NOW);
        ledger.offer(withSegments(8, segment(NOW, NOW.plusSeconds(1), event("ev1", 1))), NOW.plusSeconds(30));
        SegmentProgress present = SegmentProgress.begin(7, ledger.schedule().orElseThrow().segments().getFirst(), NOW);
        ledger.moveTo(present);
        ledger.openRestore(present);
        ledger.hold(new HeldMiner("127.0.0.1:4028", 3010, NOW, null));

        ScheduleLedger restarted = ScheduleLedger.restore(SITE, Duration.ofSeconds(5), ledger.snapshot());

        assertThat(restarted.snapshot()).isEqualTo(ledger.snapshot());
        assertThat(restarted.offer(oneSegment(7, 12), NOW)).isInstanceOfSatisfying(Decision.Ignored.class,
                d -> assertThat(d.why()).isEqualTo(Decision.Why.STALE_REVISION));
        assertThat(restarted.offer(oneSegment(9, 12), NOW)).isInstanceOf(Decision.Accepted.class);
    }

    private void assertRejected(SiteSchedule schedule, String reason) {
        ledger.offer(oneSegment(1, 3), NOW);
        SiteSchedule held = ledger.schedule().orElse(null);

        Decision decision = ledger.offer(schedule, NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Rejected.class,
                d -> assertThat(d.reason()).contains(reason));
        assertThat(ledger.schedule().orElse(null)).isEqualTo(held);
    }

    private static HeldMiner asleep(String endpoint, double runningW) {
        return new HeldMiner(endpoint, runningW, NOW, null);
    }

    private void applyAll(List<HoldRecord> changes) {
        changes.forEach(ledger::apply);
    }

    @Test
    void aMovedMinersHoldAndIntentFollowItToItsNewEndpoint() {
        ledger.hold(asleep("10.0.0.1:4028", 3000));
        ledger.hold(asleep("10.0.0.2:4028", 3100));
        ledger.markWoken("10.0.0.2:4028", NOW.plusSeconds(5));
        ledger.apply(HoldRecord.intend(new PendingSleep("10.0.0.3:4028", 2900, NOW, null)));
        ledger.hold(asleep("10.0.0.9:4028", 2800));

        List<HoldRecord> changes = ledger.relocation(
                Map.of("10.0.0.1:4028", "10.0.1.1:4028", "10.0.0.2:4028", "10.0.1.2:4028", "10.0.0.3:4028",
                        "10.0.1.3:4028"));
        applyAll(changes);

        assertThat(ledger.held()).extracting(HeldMiner::endpoint).containsExactlyInAnyOrder("10.0.0.9:4028",
                "10.0.1.1:4028", "10.0.1.2:4028");
        assertThat(ledger.held()).filteredOn(h -> h.endpoint().equals("10.0.1.1:4028")).singleElement()
                .isEqualTo(asleep("10.0.1.1:4028", 3000));
        // Told to wake before it moved: still waking, from the same instant.
        assertThat(ledger.held()).filteredOn(h -> h.endpoint().equals("10.0.1.2:4028")).singleElement()
                .isEqualTo(new HeldMiner("10.0.1.2:4028", 3100, NOW, NOW.plusSeconds(5)));
        assertThat(ledger.pending()).containsExactly(new PendingSleep("10.0.1.3:4028", 2900, NOW, null));
        // Additions first: a journal cut short holds a unit twice, never not at all.
        int firstRemoval = changes.indexOf(changes.stream()
                .filter(c -> c.op() == HoldRecord.Op.RELEASE || c.op() == HoldRecord.Op.DROP).findFirst()
                .orElseThrow());
        assertThat(changes.subList(0, firstRemoval)).extracting(HoldRecord::op).doesNotContain(HoldRecord.Op.RELEASE,
                HoldRecord.Op.DROP);
        assertThat(changes.subList(firstRemoval, changes.size())).extracting(HoldRecord::op)
                .containsOnly(HoldRecord.Op.RELEASE, HoldRecord.Op.DROP);
    }

    @Test
    void unitsThatSwappedAddressesSwapTheirEntries() {
        ledger.hold(asleep("10.0.0.1:4028", 3000));
        ledger.hold(new HeldMiner("10.0.0.2:4028", 3300, NOW, null, 2000.0));
        ledger.hold(asleep("10.0.0.3:4028", 3500));

        // 1 and 2 swapped; 3's unit went to 4, and the unit now at 3 came from nowhere the agent held.
        applyAll(ledger.relocation(Map.of("10.0.0.1:4028", "10.0.0.2:4028", "10.0.0.2:4028", "10.0.0.1:4028",
                "10.0.0.3:4028", "10.0.0.4:4028")));

        assertThat(ledger.held()).containsExactlyInAnyOrder(asleep("10.0.0.2:4028", 3000),
                new HeldMiner("10.0.0.1:4028", 3300, NOW, null, 2000.0), asleep("10.0.0.4:4028", 3500));
    }

    @Test
    void aRelocationMadeAgainAfterACrashChangesNothing() {
        ledger.hold(asleep("10.0.0.1:4028", 3000));
        applyAll(ledger.relocation(Map.of("10.0.0.1:4028", "10.0.1.1:4028")));
        List<HeldMiner> after = ledger.held();

        // A restart before the old endpoint left the inventory finds the unit at both and moves it again.
        assertThat(ledger.relocation(Map.of("10.0.0.1:4028", "10.0.1.1:4028"))).isEmpty();
        assertThat(ledger.held()).isEqualTo(after).containsExactly(asleep("10.0.1.1:4028", 3000));
    }

    @Test
    void aJournalOfARelocationReplaysToTheSameState() {
        ledger.hold(asleep("10.0.0.1:4028", 3000));
        ledger.hold(asleep("10.0.0.2:4028", 3100));
        AgentState before = ledger.snapshot();
        List<HoldRecord> changes = ledger.relocation(Map.of("10.0.0.1:4028", "10.0.0.2:4028", "10.0.0.2:4028",
                "10.0.0.1:4028"));
        applyAll(changes);

        ScheduleLedger replayed = ScheduleLedger.restore(SITE, Duration.ofSeconds(5), before);
        changes.forEach(replayed::apply);
        changes.forEach(replayed::apply);

        assertThat(replayed.held()).containsExactlyInAnyOrderElementsOf(ledger.held())
                .containsExactlyInAnyOrder(asleep("10.0.0.2:4028", 3000), asleep("10.0.0.1:4028", 3100));
    }
}
