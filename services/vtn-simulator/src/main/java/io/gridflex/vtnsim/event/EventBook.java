package io.gridflex.vtnsim.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;

/**
 * Every event of this VTN and what each VEN has received of it and answered, in memory. One lock guards it all, so a
 * distribution, an answer and an operator's change are each atomic with respect to the others.
 */
public class EventBook {

    private final Duration nearWindow;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public EventBook(Duration nearWindow) {
        this.nearWindow = nearWindow;
    }

    public Duration nearWindow() {
        return nearWindow;
    }

    public synchronized void add(DrEvent event) {
        if (entries.containsKey(event.eventId())) {
            throw new IllegalArgumentException("Event " + event.eventId() + " exists already");
        }
        entries.put(event.eventId(), new Entry(event));
    }

    public synchronized Optional<EventRecord> find(String eventId) {
        Entry entry = entries.get(eventId);
        return Optional.ofNullable(entry == null ? null : entry.snapshot());
    }

    /** Oldest first. */
    public synchronized List<EventRecord> all() {
        return entries.values().stream().map(Entry::snapshot).toList();
    }

    /**
     * Changes the reduction and/or the duration; the next poll of each targeted VEN delivers the new modification.
     *
     * @throws UnknownEventException for an unknown ID
     * @throws EventClosedException when the event is cancelled or over
     */
    public synchronized DrEvent modify(String eventId, Double reductionKw, Duration duration, Instant now) {
        return modify(eventId, reductionKw, duration, null, now);
    }

    /** @param level a SIMPLE event's new level, or null to keep */
    public synchronized DrEvent modify(String eventId, Double reductionKw, Duration duration, Integer level,
            Instant now) {
        return modify(eventId, reductionKw, duration, level, false, now);
    }

    /** @param inPlace change the content under the same modificationNumber (see {@link DrEvent#changedInPlace}) */
    public synchronized DrEvent modify(String eventId, Double reductionKw, Duration duration, Integer level,
            boolean inPlace, Instant now) {
        Entry entry = openEntry(eventId, now, "modified");
        entry.event = inPlace
                ? entry.event.changedInPlace(reductionKw, duration, level, now)
                : entry.event.modified(reductionKw, duration, level, now);
        return entry.event;
    }

    /** @see #modify(String, Double, Duration, Instant) for the exceptions */
    public synchronized DrEvent cancel(String eventId, Instant now) {
        Entry entry = openEntry(eventId, now, "cancelled");
        entry.event = entry.event.cancelledAt(now);
        return entry.event;
    }

    /**
     * Withdraws an event: from now on every distribution leaves it out, which tells each VEN that received it of an
     * implied cancellation; its modificationNumber stays.
     *
     * @see #modify(String, Double, Duration, Instant) for the exceptions
     */
    public synchronized DrEvent withdraw(String eventId, Instant now) {
        Entry entry = openEntry(eventId, now, "withdrawn");
        entry.event = entry.event.withdrawnAt(now);
        return entry.event;
    }

    /**
     * What a poll hands a VEN: nothing when it holds the current modification of every event that concerns it and
     * has been told of every withdrawal, otherwise all of them (a distribution is the VEN's full picture: an event
     * left out counts as cancelled, which is how a withdrawal is told; with nothing left the distribution is empty).
     * What is returned is recorded as received.
     *
     * @return the distribution's events, or empty when there is nothing to tell
     */
    public synchronized Optional<List<DrEvent>> distributeIfChanged(String venId, Instant now) {
        List<Entry> concerning = concerning(venId, now);
        boolean changed = concerning.stream().anyMatch(entry -> !entry.delivery(venId).hasReceived(entry.event))
                || entries.values().stream().anyMatch(entry -> entry.delivery(venId).owesWithdrawal(entry.event));
        return changed ? Optional.of(distribute(concerning, venId, now)) : Optional.empty();
    }

    /**
     * What an explicit oadrRequestEvent returns: the far, near or active events for the VEN, oldest first.
     *
     * @param replyLimit the most events the VEN wants, or null for all
     */
    public synchronized List<DrEvent> distributeOpen(String venId, Instant now, Long replyLimit) {
        List<Entry> open = entries.values().stream()
                .filter(entry -> entry.event.targets(venId) && entry.event.isOpen(now, nearWindow))
                .limit(replyLimit == null || replyLimit < 0 ? Long.MAX_VALUE : replyLimit)
                .toList();
        return distribute(open, venId, now);
    }

    /**
     * Records a VEN's answers, all or none: the first answer that names an unknown event, one not sent to this VEN,
     * or a modification other than the current one refuses the whole batch.
     */
    public synchronized Optional<AnswerRefusal> recordAnswers(String venId, List<EventAnswer> answers, Instant now) {
        for (EventAnswer answer : answers) {
            Optional<AnswerRefusal> refusal = check(venId, answer);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        for (EventAnswer answer : answers) {
            Entry entry = entries.get(answer.eventId());
            entry.deliveries.put(venId, entry.delivery(venId).answered(answer, now));
        }
        return Optional.empty();
    }

    private Optional<AnswerRefusal> check(String venId, EventAnswer answer) {
        Entry entry = entries.get(answer.eventId());
        if (entry == null) {
            return Optional.of(new AnswerRefusal(AnswerRefusal.Reason.UNKNOWN_EVENT, answer.eventId(),
                    "No event " + answer.eventId()));
        }
        if (!entry.event.targets(venId)) {
            return Optional.of(new AnswerRefusal(AnswerRefusal.Reason.NOT_TARGETED, answer.eventId(),
                    "Event " + answer.eventId() + " does not target VEN " + venId));
        }
        if (answer.modificationNumber() != entry.event.modificationNumber()) {
            return Optional.of(new AnswerRefusal(AnswerRefusal.Reason.WRONG_MODIFICATION, answer.eventId(),
                    "Event " + answer.eventId() + " is at modification " + entry.event.modificationNumber()
                            + ", the answer is for " + answer.modificationNumber()));
        }
        return Optional.empty();
    }

    /**
     * The events a VEN's picture must show: those still open, and a cancellation of one it knew about but has not
     * yet been told of. Events that ended are left out: the VEN knows their end time already.
     */
    private List<Entry> concerning(String venId, Instant now) {
        List<Entry> result = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (!entry.event.targets(venId)) {
                continue;
            }
            boolean open = entry.event.isOpen(now, nearWindow);
            boolean untoldCancellation = entry.event.status(now, nearWindow) == EventStatusEnumeratedType.CANCELLED
                    && entry.delivery(venId).hasEverReceived() && !entry.delivery(venId).hasReceived(entry.event);
            if (open || untoldCancellation) {
                result.add(entry);
            }
        }
        return result;
    }

    /** Records what goes to the VEN; every withdrawal it was owed is told by this distribution, which leaves it out. */
    private List<DrEvent> distribute(List<Entry> chosen, String venId, Instant now) {
        for (Entry entry : chosen) {
            entry.deliveries.put(venId, entry.delivery(venId).distributed(entry.event, now));
        }
        for (Entry entry : entries.values()) {
            if (entry.delivery(venId).owesWithdrawal(entry.event)) {
                entry.deliveries.put(venId, entry.delivery(venId).toldWithdrawal(now));
            }
        }
        return chosen.stream().map(entry -> entry.event).toList();
    }

    private Entry openEntry(String eventId, Instant now, String change) {
        Entry entry = entries.get(eventId);
        if (entry == null) {
            throw new UnknownEventException(eventId);
        }
        EventStatusEnumeratedType status = entry.event.status(now, nearWindow);
        if (status == EventStatusEnumeratedType.CANCELLED || status == EventStatusEnumeratedType.COMPLETED) {
            throw new EventClosedException(
                    "Event " + eventId + " is " + status.value() + " and can no longer be " + change);
        }
        return entry;
    }

    private static final class Entry {

        private DrEvent event;
        private final Map<String, VenDelivery> deliveries = new LinkedHashMap<>();

        Entry(DrEvent event) {
            this.event = event;
        }

        VenDelivery delivery(String venId) {
            return deliveries.getOrDefault(venId, VenDelivery.none(venId));
        }

        /** One row per targeted VEN, in target order, whether or not it has seen the event yet. */
        EventRecord snapshot() {
            return new EventRecord(event, event.venIds().stream().map(this::delivery).toList());
        }
    }
}
