package io.gridflex.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.OptTypeType;

class ImplicitCancellationTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void aHeldEventAbsentFromTheDistributionIsCancelled() {
        HeldEvent kept = held("a", NOW.plusSeconds(3600));
        HeldEvent dropped = held("b", NOW.plusSeconds(3600));

        assertThat(ImplicitCancellation.absent(List.of(kept, dropped), Set.of("VTN/a"), NOW))
                .containsExactly(dropped);
    }

    @Test
    void anActiveEventStillRunningIsCancelled() {
        HeldEvent active = held("a", NOW.plusSeconds(1));

        assertThat(ImplicitCancellation.absent(List.of(active), Set.of(), NOW)).containsExactly(active);
    }

    @Test
    void anEventThatEndedByTimeCompletedAndIsNotCancelled() {
        HeldEvent ended = held("a", NOW.minusSeconds(1));
        HeldEvent endingNow = held("b", NOW);

        assertThat(ImplicitCancellation.absent(List.of(ended, endingNow), Set.of(), NOW)).isEmpty();
    }

    @Test
    void theEndOfTheLastPublishedRevisionCountsWhenTheHeldOneCouldNotBeRead() {
        HeldEvent unreadable = new HeldEvent("VTN/a", "a", 1, null, Optional.of(drEvent("a", 0, NOW.minusSeconds(5),
                DrEvent.EventStatus.ACTIVE)), 0);
        HeldEvent neverRead = new HeldEvent("VTN/b", "b", 0, null, Optional.empty(), 0);

        assertThat(ImplicitCancellation.absent(List.of(unreadable, neverRead), Set.of(), NOW))
                .containsExactly(neverRead);
    }

    @Test
    void anEmptyDistributionCancelsEveryEventNotEnded() {
        HeldEvent pending = held("a", NOW.plusSeconds(7200));
        HeldEvent active = held("b", NOW.plusSeconds(60));
        HeldEvent ended = held("c", NOW.minusSeconds(60));

        assertThat(ImplicitCancellation.absent(List.of(pending, active, ended), Set.of(), NOW))
                .containsExactly(pending, active);
    }

    @Test
    void theCancellationIsTheLastPublishedEventCancelledOneModificationHigher() {
        DrEvent last = drEvent("a", 3, NOW.plusSeconds(600), DrEvent.EventStatus.FAR);
        HeldEvent event = new HeldEvent("VTN/a", "a", 3, last.end(), Optional.of(last), 0);

        DrEvent cancelled = ImplicitCancellation.cancellation(event, NOW).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(DrEvent.EventStatus.CANCELLED);
        assertThat(cancelled.modificationNumber()).isEqualTo(4);
        assertThat(cancelled.receivedAt()).isEqualTo(NOW);
        assertThat(cancelled).usingRecursiveComparison()
                .ignoringFields("modificationNumber", "status", "receivedAt").isEqualTo(last);
    }

    @Test
    void aSecondImplicitCancellationGoesAboveEverythingPublishedBefore() {
        // Cancelled implicitly at VTN modification 3 (published 4), reinstated by the VTN as 4 (published 5).
        DrEvent last = drEvent("a", 5, NOW.plusSeconds(600), DrEvent.EventStatus.FAR);
        HeldEvent event = new HeldEvent("VTN/a", "a", 4, last.end(), Optional.of(last), 1);

        assertThat(ImplicitCancellation.cancellation(event, NOW)).map(DrEvent::modificationNumber).contains(6L);
    }

    @Test
    void nothingIsPublishedForAnEventNeverPublishedOrAlreadyWithdrawn() {
        HeldEvent declined = new HeldEvent("VTN/a", "a", 0, NOW.plusSeconds(600), Optional.empty(), 0);
        HeldEvent withdrawn = new HeldEvent("VTN/b", "b", 1, NOW.plusSeconds(600),
                Optional.of(drEvent("b", 1, NOW.plusSeconds(600), DrEvent.EventStatus.CANCELLED)), 0);

        assertThat(ImplicitCancellation.cancellation(declined, NOW)).isEmpty();
        assertThat(ImplicitCancellation.cancellation(withdrawn, NOW)).isEmpty();
    }

    @Test
    void theVtnRepeatingTheRevisionHeldIsADuplicateAndAHigherOneANewRevision() {
        // The gateway keeps the VTN's number (3) after an implicit cancellation published as 4.
        StoredRevision held = new StoredRevision(3, OptTypeType.OPT_IN, OadrResponseCode.OK,
                Optional.of(drEvent("a", 4, NOW.plusSeconds(600), DrEvent.EventStatus.CANCELLED)), 1);
        DrEvent reinstated = drEvent("a", 4, NOW.plusSeconds(600), DrEvent.EventStatus.FAR);

        assertThat(RevisionDecider.decide(incoming(3, reinstated), Optional.of(held)).kind())
                .isEqualTo(Decision.Kind.DUPLICATE);
        assertThat(RevisionDecider.decide(incoming(4, reinstated), Optional.of(held)).kind())
                .isEqualTo(Decision.Kind.NEW_REVISION);
        assertThat(ImplicitCancellation.publishedModification(4, held.implicitCancellations())).isEqualTo(5);
    }

    private static IncomingRevision incoming(long modification, DrEvent event) {
        return new IncomingRevision("VTN/a", "a", modification, false, false, NOW, new Verdict.Accepted(event));
    }

    private static HeldEvent held(String vtnEventId, Instant end) {
        return new HeldEvent("VTN/" + vtnEventId, vtnEventId, 0, end,
                Optional.of(drEvent(vtnEventId, 0, end, DrEvent.EventStatus.FAR)), 0);
    }

    private static DrEvent drEvent(String vtnEventId, long modification, Instant end, DrEvent.EventStatus status) {
        Instant start = end.minusSeconds(600);
        return new DrEvent("VTN/" + vtnEventId, "VTN", vtnEventId, modification, "fast-dr", "oadr://test", status,
                start, end, DrEvent.Signal.PRICE, "EUR", List.of(new DrInterval(start, end, new BigDecimal("120.5"))),
                new DrEvent.Targets(List.of(), List.of("north")), 60, 0, false, NOW.minusSeconds(3600));
    }
}
