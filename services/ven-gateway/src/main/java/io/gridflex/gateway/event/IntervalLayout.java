package io.gridflex.gateway.event;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.JAXBElement;

import io.gridflex.messages.DrInterval;
import io.gridflex.openadr.model.ei.IntervalType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.ei.SignalPayloadType;

/**
 * Lays a signal's intervals back to back from the event start. An interval that states its own start must begin
 * where the previous one ended (no gaps, no overlap, no reordering). A zero-length last interval, and the last
 * interval of an open-ended event, run to the event's end.
 */
final class IntervalLayout {

    /** The DrEvent schema's bounds for the interval count and for any value. */
    private static final int MAX_INTERVALS = 1000;
    private static final BigDecimal MAX_VALUE = BigDecimal.valueOf(1_000_000_000);

    private IntervalLayout() {
    }

    static List<DrInterval> lay(List<IntervalType> given, SignalReading reading, ActivePeriod period) {
        if (given.isEmpty() || given.size() > MAX_INTERVALS) {
            throw EventRefusal.invalid("a signal needs 1 to " + MAX_INTERVALS + " intervals, got " + given.size());
        }
        List<DrInterval> intervals = new ArrayList<>(given.size());
        Instant cursor = period.start();
        Long previousUid = null;
        for (int i = 0; i < given.size(); i++) {
            IntervalType interval = given.get(i);
            boolean last = i == given.size() - 1;
            Instant stated = interval.getDtstart() == null ? null : interval.getDtstart().getDateTime();
            if (stated != null && !stated.equals(cursor)) {
                throw EventRefusal.invalid("interval " + i + " starts at " + stated + " but the previous one ends at "
                        + cursor + ": intervals must be in order and without gaps");
            }
            previousUid = checkUidOrder(interval, previousUid);
            Duration length = intervalLength(interval, given.size(), period);
            if (length.isZero() && !last) {
                throw EventRefusal.invalid("interval " + i + " has no duration; only the last interval may be "
                        + "open-ended");
            }
            Instant end = last && (length.isZero() || period.openEnded()) ? period.end() : cursor.plus(length);
            if (!end.isAfter(cursor) || end.isAfter(period.end())) {
                throw EventRefusal.invalid("interval " + i + " from " + cursor + " to " + end
                        + " does not fit the active period " + period.start() + " to " + period.end());
            }
            intervals.add(new DrInterval(cursor, end, value(reading, interval, i)));
            cursor = end;
        }
        if (!period.openEnded() && !cursor.equals(period.end())) {
            throw EventRefusal.invalid("intervals end at " + cursor + " but the active period lasts "
                    + period.stated() + " to " + period.end());
        }
        return intervals;
    }

    private static Duration intervalLength(IntervalType interval, int count, ActivePeriod period) {
        if (interval.getDuration() == null || interval.getDuration().getDuration() == null) {
            if (count == 1) {
                // A single interval without duration spans the whole active period.
                return period.stated();
            }
            throw EventRefusal.invalid("every interval of a multi-interval signal needs a duration");
        }
        Duration length = interval.getDuration().getDuration();
        if (length.isNegative()) {
            throw EventRefusal.invalid("interval duration " + length + " is negative");
        }
        return length;
    }

    private static Long checkUidOrder(IntervalType interval, Long previousUid) {
        if (interval.getUid() == null || interval.getUid().getText() == null) {
            return previousUid;
        }
        try {
            long uid = Long.parseLong(interval.getUid().getText().strip());
            if (previousUid != null && uid <= previousUid) {
                throw EventRefusal.invalid("interval uids must increase, got " + uid + " after " + previousUid);
            }
            return uid;
        } catch (NumberFormatException e) {
            // Non-numeric uids carry no order; the stated start times (if any) were checked.
            return previousUid;
        }
    }

    private static BigDecimal value(SignalReading reading, IntervalType interval, int index) {
        List<Float> values = interval.getStreamPayloadBase().stream()
                .map(JAXBElement::getValue)
                .filter(SignalPayloadType.class::isInstance)
                .map(p -> ((SignalPayloadType) p).getPayloadBase())
                .filter(p -> p != null && p.getValue() instanceof PayloadFloatType)
                .map(p -> ((PayloadFloatType) p.getValue()).getValue())
                .toList();
        if (values.size() != 1) {
            throw EventRefusal.invalid("interval " + index + " needs exactly one signalPayload float, got "
                    + values.size());
        }
        float payload = values.getFirst();
        if (Float.isNaN(payload) || Float.isInfinite(payload)) {
            throw EventRefusal.invalid("interval " + index + " has the value " + payload);
        }
        BigDecimal value;
        try {
            value = reading.values().read(Decimals.of(payload));
        } catch (EventRefusal refusal) {
            throw refusal.at("interval " + index);
        }
        if (value.abs().compareTo(MAX_VALUE) > 0) {
            throw EventRefusal.invalid("interval " + index + " has the value " + value.toPlainString()
                    + ", beyond the " + MAX_VALUE.toPlainString() + " a DrEvent carries");
        }
        return value;
    }
}
