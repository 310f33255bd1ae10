package io.gridflex.vtnsim.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;

class EventBookTest {

    private static final Instant NOW = Instant.parse("2026-03-01T17:00:00Z");
    private static final Duration NEAR = Duration.ofMinutes(15);

    private final EventBook book = new EventBook(NEAR);

    /** What a poll hands the VEN, or an empty list when nothing (not even an empty distribution) is due. */
    private static List<DrEvent> changed(EventBook book, String venId, Instant now) {
        return book.distributeIfChanged(venId, now).orElse(List.of());
    }

    @Test
    void aPollWithoutEventsGetsNothing() {
        assertThat(changed(book, "ven-1", NOW)).isEmpty();
    }

    @Test
    void aNewEventIsDistributedOnceToItsTargetOnly() {
        book.add(event("e1", "ven-1"));

        assertThat(changed(book, "ven-2", NOW)).isEmpty();
        assertThat(ids(changed(book, "ven-1", NOW))).containsExactly("e1");
        assertThat(changed(book, "ven-1", NOW.plusSeconds(2))).isEmpty();

        VenDelivery delivery = book.find("e1").orElseThrow().deliveries().getFirst();
        assertThat(delivery.distributedAt()).isEqualTo(NOW);
        assertThat(delivery.distributedModificationNumber()).isZero();
    }

    @Test
    void aChangeToOneEventRedistributesTheVensWholePicture() {
        book.add(event("e1", "ven-1"));
        book.add(event("e2", "ven-1"));
        changed(book, "ven-1", NOW);

        DrEvent modified = book.modify("e2", 900.0, null, NOW.plusSeconds(5));
        assertThat(modified.modificationNumber()).isEqualTo(1);

        List<DrEvent> again = changed(book, "ven-1", NOW.plusSeconds(10));
        assertThat(ids(again)).containsExactly("e1", "e2");
        assertThat(again.get(1).reductionKw()).isEqualTo(900.0);
        assertThat(changed(book, "ven-1", NOW.plusSeconds(12))).isEmpty();
    }

    @Test
    void contentChangedInPlaceIsDistributedAgainUnderTheSameModificationNumber() {
        book.add(event("e1", "ven-1"));
        changed(book, "ven-1", NOW);

        DrEvent inPlace = book.modify("e1", 700.0, null, null, true, NOW.plusSeconds(5));
        assertThat(inPlace.modificationNumber()).isZero();

        List<DrEvent> again = changed(book, "ven-1", NOW.plusSeconds(10));
        assertThat(again).singleElement().satisfies(e -> {
            assertThat(e.modificationNumber()).isZero();
            assertThat(e.reductionKw()).isEqualTo(700.0);
        });
        assertThat(changed(book, "ven-1", NOW.plusSeconds(12))).as("once").isEmpty();
        assertThat(book.modify("e1", 800.0, null, NOW.plusSeconds(15)).modificationNumber())
                .as("a proper modification counts on from the number kept").isEqualTo(1);
    }

    @Test
    void aCancellationIsToldOnceToVensThatKnewTheEvent() {
        book.add(event("e1", "ven-1", "ven-2"));
        changed(book, "ven-1", NOW);

        book.cancel("e1", NOW.plusSeconds(5));

        List<DrEvent> told = changed(book, "ven-1", NOW.plusSeconds(6));
        assertThat(ids(told)).containsExactly("e1");
        assertThat(told.getFirst().status(NOW, NEAR)).isEqualTo(EventStatusEnumeratedType.CANCELLED);
        assertThat(told.getFirst().modificationNumber()).isEqualTo(1);
        assertThat(changed(book, "ven-1", NOW.plusSeconds(8))).isEmpty();
        // ven-2 never saw it: there is nothing to take back.
        assertThat(changed(book, "ven-2", NOW.plusSeconds(8))).isEmpty();
    }

    @Test
    void aWithdrawnEventIsLeftOutOnceForVensThatKnewItAndItsModificationStays() {
        book.add(event("e1", "ven-1", "ven-2"));
        book.add(event("e2", "ven-1"));
        changed(book, "ven-1", NOW);

        DrEvent withdrawn = book.withdraw("e1", NOW.plusSeconds(5));
        assertThat(withdrawn.modificationNumber()).as("no new modification is sent").isZero();
        assertThat(withdrawn.status(NOW.plusSeconds(5), NEAR)).isEqualTo(EventStatusEnumeratedType.CANCELLED);

        assertThat(ids(changed(book, "ven-1", NOW.plusSeconds(6)))).as("the picture without it").containsExactly("e2");
        assertThat(book.distributeIfChanged("ven-1", NOW.plusSeconds(8))).isEmpty();
        assertThat(book.find("e1").orElseThrow().deliveries().getFirst().withdrawalToldAt())
                .isEqualTo(NOW.plusSeconds(6));
        // ven-2 never saw it: there is nothing to take back.
        assertThat(book.distributeIfChanged("ven-2", NOW.plusSeconds(8))).isEmpty();
        assertThatThrownBy(() -> book.modify("e1", 900.0, null, NOW.plusSeconds(9)))
                .isInstanceOf(EventClosedException.class);
    }

    @Test
    void withdrawingAVensOnlyEventSendsItAnEmptyDistribution() {
        book.add(event("e1", "ven-1"));
        changed(book, "ven-1", NOW);

        book.withdraw("e1", NOW.plusSeconds(5));

        assertThat(book.distributeIfChanged("ven-1", NOW.plusSeconds(6))).contains(List.of());
        assertThat(book.distributeIfChanged("ven-1", NOW.plusSeconds(7))).isEmpty();
        assertThat(book.distributeOpen("ven-1", NOW.plusSeconds(7), null)).isEmpty();
    }

    @Test
    void endedEventsAreNotDistributed() {
        book.add(event("e1", "ven-1"));
        Instant afterEnd = NOW.plus(Duration.ofHours(3));

        assertThat(changed(book, "ven-1", afterEnd)).isEmpty();
        assertThat(book.distributeOpen("ven-1", afterEnd, null)).isEmpty();
    }

    @Test
    void aRequestReturnsEveryOpenEventUpToTheLimit() {
        book.add(event("e1", "ven-1"));
        book.add(event("e2", "ven-1"));
        book.add(event("e3", "ven-1"));
        book.cancel("e3", NOW);

        assertThat(ids(book.distributeOpen("ven-1", NOW, null))).containsExactly("e1", "e2");
        assertThat(ids(book.distributeOpen("ven-1", NOW, 1L))).containsExactly("e1");
    }

    @Test
    void answersToTheCurrentModificationAreRecorded() {
        book.add(event("e1", "ven-1"));
        changed(book, "ven-1", NOW);

        assertThat(book.recordAnswers("ven-1", List.of(new EventAnswer("e1", 0, "optIn", "200")), NOW)).isEmpty();

        VenDelivery delivery = book.find("e1").orElseThrow().deliveries().getFirst();
        assertThat(delivery.respondedAt()).isEqualTo(NOW);
        assertThat(delivery.optType()).isEqualTo("optIn");
        assertThat(delivery.responseCode()).isEqualTo("200");
        assertThat(delivery.modificationNumber()).isZero();
    }

    @Test
    void aBatchWithOneBadAnswerRecordsNothing() {
        book.add(event("e1", "ven-1"));
        book.add(event("e2", "ven-2"));
        book.modify("e1", 10.0, null, NOW);

        assertThat(refusal(new EventAnswer("e1", 1, "optIn", "200"), new EventAnswer("nope", 0, "optIn", "200")))
                .isEqualTo(AnswerRefusal.Reason.UNKNOWN_EVENT);
        assertThat(refusal(new EventAnswer("e1", 1, "optIn", "200"), new EventAnswer("e2", 0, "optIn", "200")))
                .isEqualTo(AnswerRefusal.Reason.NOT_TARGETED);
        assertThat(refusal(new EventAnswer("e1", 0, "optOut", "200")))
                .isEqualTo(AnswerRefusal.Reason.WRONG_MODIFICATION);

        assertThat(book.find("e1").orElseThrow().deliveries().getFirst().respondedAt()).isNull();
    }

    @Test
    void closedEventsCannotChange() {
        book.add(event("e1", "ven-1"));
        book.cancel("e1", NOW);

        assertThatThrownBy(() -> book.cancel("e1", NOW)).isInstanceOf(EventClosedException.class);
        assertThatThrownBy(() -> book.modify("e1", 1.0, null, NOW)).isInstanceOf(EventClosedException.class);
        book.add(event("e2", "ven-1"));
        assertThatThrownBy(() -> book.modify("e2", 1.0, null, NOW.plus(Duration.ofHours(3))))
                .isInstanceOf(EventClosedException.class);
        assertThatThrownBy(() -> book.modify("nope", 1.0, null, NOW)).isInstanceOf(UnknownEventException.class);
        assertThat(book.find("e1").orElseThrow().event().modificationNumber()).isEqualTo(1);
    }

    @Test
    void concurrentModificationsEachGetTheirOwnNumber() throws Exception {
        book.add(event("e1", "ven-1"));
        int threads = 4;
        int perThread = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    go.await();
                    List<Long> numbers = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        numbers.add(book.modify("e1", 1.0 + i, null, NOW).modificationNumber());
                        if (i % 100 == 0) {
                            changed(book, "ven-1", NOW);
                        }
                    }
                    return numbers;
                }));
            }
            go.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get());
            }
            assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
            assertThat(book.find("e1").orElseThrow().event().modificationNumber()).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    private AnswerRefusal.Reason refusal(EventAnswer... answers) {
        return book.recordAnswers("ven-1", List.of(answers), NOW).orElseThrow().reason();
    }

    private static DrEvent event(String id, String... venIds) {
        return DrEvent.create(id, NOW, NOW.plusSeconds(3600), Duration.ofMinutes(30), 1500, List.of(venIds), false);
    }

    private static List<String> ids(List<DrEvent> events) {
        return events.stream().map(DrEvent::eventId).toList();
    }
}
