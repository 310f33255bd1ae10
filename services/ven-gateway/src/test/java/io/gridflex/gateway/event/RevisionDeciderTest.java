package io.gridflex.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.OptTypeType;

class RevisionDeciderTest {

    private static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void aNewAcceptableEventIsStoredPublishedAndOptedIn() {
        DrEvent event = event(0, 500);

        Decision decision = RevisionDecider.decide(incoming(0, false, true, accepted(event)), Optional.empty());

        assertThat(decision.kind()).isEqualTo(Decision.Kind.NEW_REVISION);
        assertThat(decision.publish()).contains(event);
        assertThat(decision.reply()).contains(EventReply.optIn("e1", 0));
    }

    @Test
    void theSameModificationIsADuplicateAnsweredAsBefore() {
        StoredRevision held = new StoredRevision(2, OptTypeType.OPT_OUT, OadrResponseCode.SIGNAL_NOT_SUPPORTED,
                Optional.empty());

        Decision decision = RevisionDecider.decide(incoming(2, false, true, accepted(event(2, 500))),
                Optional.of(held));

        assertThat(decision.kind()).isEqualTo(Decision.Kind.DUPLICATE);
        assertThat(decision.stores()).isFalse();
        assertThat(decision.publish()).isEmpty();
        assertThat(decision.reply()).contains(
                new EventReply("e1", 2, OptTypeType.OPT_OUT, OadrResponseCode.SIGNAL_NOT_SUPPORTED));
    }

    @Test
    void theSameModificationWithOtherContentIsADuplicateThatSaysWhatTheVtnChanged() {
        StoredRevision held = new StoredRevision(2, OptTypeType.OPT_IN, OadrResponseCode.OK, Optional.of(event(2,
                500)));

        Decision decision = RevisionDecider.decide(incoming(2, false, true, accepted(event(2, 900))),
                Optional.of(held));

        assertThat(decision.kind()).isEqualTo(Decision.Kind.CHANGED_WITHOUT_NEW_NUMBER);
        assertThat(decision.stores()).isFalse();
        assertThat(decision.publish()).as("the revision held stands").isEmpty();
        assertThat(decision.reason()).isEqualTo("modification 2 already handled; the VTN changed its signal without"
                + " raising the modificationNumber: the revision held stands");
        assertThat(decision.reply()).contains(EventReply.optIn("e1", 2));
    }

    @Test
    void theSameModificationWithOnlyItsStatusMovedOnIsAPlainDuplicate() {
        StoredRevision held = new StoredRevision(2, OptTypeType.OPT_IN, OadrResponseCode.OK, Optional.of(event(2,
                500)));
        DrEvent active = DrEventRevision.of(event(2, 500), 2, DrEvent.EventStatus.ACTIVE, RECEIVED.plusSeconds(60));

        Decision decision = RevisionDecider.decide(incoming(2, false, true, accepted(active)), Optional.of(held));

        assertThat(decision.kind()).isEqualTo(Decision.Kind.DUPLICATE);
        assertThat(decision.reason()).isEqualTo("modification 2 already handled");
    }

    @Test
    void anOlderModificationIsOutOfSequence() {
        StoredRevision held = new StoredRevision(5, OptTypeType.OPT_IN, OadrResponseCode.OK, Optional.of(event(5, 1)));

        Decision decision = RevisionDecider.decide(incoming(4, false, true, accepted(event(4, 900))),
                Optional.of(held));

        assertThat(decision.kind()).isEqualTo(Decision.Kind.OUT_OF_SEQUENCE);
        assertThat(decision.publish()).isEmpty();
        assertThat(decision.reply()).contains(new EventReply("e1", 4, OptTypeType.OPT_IN,
                OadrResponseCode.OUT_OF_SEQUENCE));
    }

    @Test
    void aHigherModificationIsPublished() {
        StoredRevision held = new StoredRevision(1, OptTypeType.OPT_IN, OadrResponseCode.OK, Optional.of(event(1, 1)));
        DrEvent modified = event(2, 700);

        Decision decision = RevisionDecider.decide(incoming(2, false, true, accepted(modified)), Optional.of(held));

        assertThat(decision.kind()).isEqualTo(Decision.Kind.NEW_REVISION);
        assertThat(decision.publish()).contains(modified);
    }

    @Test
    void decliningARevisionOfAPublishedEventWithdrawsIt() {
        DrEvent published = event(1, 300);
        StoredRevision held = new StoredRevision(1, OptTypeType.OPT_IN, OadrResponseCode.OK, Optional.of(published));

        Decision decision = RevisionDecider.decide(incoming(2, false, true,
                new Verdict.Refused(OadrResponseCode.SIGNAL_NOT_SUPPORTED, "level")), Optional.of(held));

        assertThat(decision.optType()).isEqualTo(OptTypeType.OPT_OUT);
        assertThat(decision.reply()).contains(
                new EventReply("e1", 2, OptTypeType.OPT_OUT, OadrResponseCode.SIGNAL_NOT_SUPPORTED));
        assertThat(decision.publish()).hasValueSatisfying(withdrawn -> {
            assertThat(withdrawn.status()).isEqualTo(DrEvent.EventStatus.CANCELLED);
            assertThat(withdrawn.modificationNumber()).isEqualTo(2);
            assertThat(withdrawn.receivedAt()).isEqualTo(RECEIVED);
            // What dispatch must stop is what it was given: same program, signal, values, targets, randomization.
            assertThat(withdrawn).usingRecursiveComparison()
                    .ignoringFields("modificationNumber", "status", "receivedAt").isEqualTo(published);
        });
    }

    @Test
    void decliningAnEventNeverPublishedPublishesNothing() {
        Decision decision = RevisionDecider.decide(incoming(0, false, true,
                new Verdict.Refused(OadrResponseCode.TARGET_MISMATCH, "not ours")), Optional.empty());

        assertThat(decision.stores()).isTrue();
        assertThat(decision.publish()).isEmpty();
        assertThat(decision.reply()).contains(EventReply.optOut("e1", 0, OadrResponseCode.TARGET_MISMATCH));
    }

    @Test
    void aCancellationIsPublishedAsCancelledAndAcknowledged() {
        StoredRevision held = new StoredRevision(0, OptTypeType.OPT_IN, OadrResponseCode.OK, Optional.of(event(0, 1)));

        Decision decision = RevisionDecider.decide(incoming(1, true, true, accepted(event(1, 400))),
                Optional.of(held));

        assertThat(decision.reply()).contains(EventReply.optIn("e1", 1));
        assertThat(decision.publish()).hasValueSatisfying(cancelled -> {
            assertThat(cancelled.status()).isEqualTo(DrEvent.EventStatus.CANCELLED);
            assertThat(cancelled.modificationNumber()).isEqualTo(1);
        });
    }

    @Test
    void anUnreadableCancellationFallsBackToThePublishedContent() {
        DrEvent published = event(0, 250);
        StoredRevision held = new StoredRevision(0, OptTypeType.OPT_IN, OadrResponseCode.OK, Optional.of(published));

        Decision decision = RevisionDecider.decide(incoming(1, true, true,
                new Verdict.Refused(OadrResponseCode.INVALID_DATA, "no intervals")), Optional.of(held));

        assertThat(decision.publish()).hasValueSatisfying(cancelled -> {
            assertThat(cancelled.status()).isEqualTo(DrEvent.EventStatus.CANCELLED);
            assertThat(cancelled.intervals()).isEqualTo(published.intervals());
        });
    }

    @Test
    void aCancellationOfAnEventNeverPassedOnIsAcknowledgedAndPublishesNothing() {
        Decision firstSeen = RevisionDecider.decide(incoming(1, true, true, accepted(event(1, 400))),
                Optional.empty());
        StoredRevision declined = new StoredRevision(0, OptTypeType.OPT_OUT, OadrResponseCode.SIGNAL_NOT_SUPPORTED,
                Optional.empty());
        Decision afterDeclining = RevisionDecider.decide(incoming(1, true, true, accepted(event(1, 400))),
                Optional.of(declined));

        for (Decision decision : List.of(firstSeen, afterDeclining)) {
            assertThat(decision.kind()).isEqualTo(Decision.Kind.NEW_REVISION);
            assertThat(decision.stores()).isTrue();
            assertThat(decision.publish()).isEmpty();
            assertThat(decision.reply()).contains(EventReply.optIn("e1", 1));
        }
    }

    @Test
    void anEventOverBeforeItFirstArrivedIsAcknowledgedAndNotPublished() {
        Instant afterTheEnd = T0.plusSeconds(601);
        IncomingRevision late = new IncomingRevision("VTN/e1", "e1", 0, false, true, afterTheEnd,
                accepted(event(0, 500)));

        Decision decision = RevisionDecider.decide(late, Optional.empty());

        assertThat(decision.kind()).isEqualTo(Decision.Kind.NEW_REVISION);
        assertThat(decision.publish()).isEmpty();
        assertThat(decision.reason()).startsWith("ended at " + T0.plusSeconds(600));
        assertThat(decision.reply()).contains(EventReply.optIn("e1", 0));
    }

    @Test
    void aLateRevisionOfAnEventAlreadyPassedOnIsStillPublished() {
        StoredRevision held = new StoredRevision(0, OptTypeType.OPT_IN, OadrResponseCode.OK, Optional.of(event(0, 1)));
        IncomingRevision late = new IncomingRevision("VTN/e1", "e1", 1, false, true, T0.plusSeconds(900),
                accepted(event(1, 500)));

        assertThat(RevisionDecider.decide(late, Optional.of(held)).publish()).contains(event(1, 500));
    }

    @Test
    void noAnswerWhenTheVtnAsksForNone() {
        Decision decision = RevisionDecider.decide(incoming(0, false, false, accepted(event(0, 1))),
                Optional.empty());

        assertThat(decision.publish()).isPresent();
        assertThat(decision.reply()).isEmpty();
    }

    private static IncomingRevision incoming(long modification, boolean cancelled, boolean responseRequired,
            Verdict verdict) {
        return new IncomingRevision("VTN/e1", "e1", modification, cancelled, responseRequired, RECEIVED, verdict);
    }

    private static Verdict accepted(DrEvent event) {
        return new Verdict.Accepted(event);
    }

    private static DrEvent event(long modification, double kw) {
        return new DrEvent("VTN/e1", "VTN", "e1", modification, "fast-dr", "oadr://test", DrEvent.EventStatus.FAR,
                T0, T0.plusSeconds(600), DrEvent.Signal.REDUCTION_KW, null,
                List.of(new DrInterval(T0, T0.plusSeconds(600), BigDecimal.valueOf(kw))),
                new DrEvent.Targets(List.of("meter-1"), List.of()), 300, 0, false, RECEIVED);
    }
}
