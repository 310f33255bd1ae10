package io.gridflex.gateway.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.xml.bind.JAXBElement;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EiActivePeriodType;
import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.ei.EiEventType;
import io.gridflex.openadr.model.ei.EventDescriptorType;
import io.gridflex.openadr.model.ei.IntervalType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.ei.SignalPayloadType;
import io.gridflex.openadr.model.ei.SignalTypeEnumeratedType;
import io.gridflex.openadr.model.emix.ItemBaseType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType.OadrEvent;
import io.gridflex.openadr.model.power.PowerRealType;
import io.gridflex.openadr.model.xcal.Properties;

/**
 * Checks one event of an oadrDistributeEvent against what GridFlex can execute and, when it can, normalizes it into
 * a {@link DrEvent}: reductions in kW, UTC instants, intervals back to back.
 * <p>
 * Checks run in the order a VTN would want to hear about them: is the event ours (462), is its signal one we execute
 * (460), are its values usable (454). Pure: no I/O, the receive time is passed in.
 */
public final class EventValidator {

    public static final String LOAD_DISPATCH = "LOAD_DISPATCH";
    public static final String SIMPLE = "SIMPLE";

    /** The DrEvent schema's bounds for ids, context, interval count and reduction. */
    private static final Pattern WIRE_ID = Pattern.compile("[\\x21-\\x7e]{1,256}");
    private static final int MAX_EVENT_ID_LENGTH = 256;
    private static final int MAX_MARKET_CONTEXT_LENGTH = 2048;
    private static final int MAX_INTERVALS = 1000;
    private static final double MAX_REDUCTION_KW = 10_000_000;

    private final ValidationRules rules;

    public EventValidator(ValidationRules rules) {
        this.rules = rules;
    }

    /**
     * @param vtnId the vtnID of the oadrDistributeEvent carrying the event
     * @param receivedAt when the gateway received it; also the "now" plausibility is judged against
     */
    public Verdict validate(String vtnId, OadrEvent oadrEvent, Instant receivedAt) {
        try {
            return new Verdict.Accepted(normalize(vtnId, oadrEvent, receivedAt));
        } catch (EventRefusal refusal) {
            return refusal.verdict();
        }
    }

    private DrEvent normalize(String vtnId, OadrEvent oadrEvent, Instant receivedAt) {
        EiEventType ei = oadrEvent.getEiEvent();
        EventDescriptorType descriptor = ei.getEventDescriptor();
        String vtnEventId = descriptor.getEventID().strip();
        String eventId = eventId(vtnId, vtnEventId);
        if (!TargetMatcher.matches(ei.getEiTarget(), rules.venId(), rules.acceptedGroups())) {
            throw refuse(OadrResponseCode.TARGET_MISMATCH, "event " + vtnEventId + " does not target venID "
                    + rules.venId() + (rules.acceptedGroups().isEmpty() ? "" : " or groups " + rules.acceptedGroups()));
        }
        if (descriptor.getModificationNumber() < 0) {
            throw invalid("modificationNumber must not be negative, got " + descriptor.getModificationNumber());
        }
        String marketContext = descriptor.getEiMarketContext().getMarketContext().strip();
        if (marketContext.length() > MAX_MARKET_CONTEXT_LENGTH) {
            throw invalid("marketContext is longer than " + MAX_MARKET_CONTEXT_LENGTH + " characters");
        }
        SignalReading signal = readSignal(ei);
        ActivePeriod period = activePeriod(ei.getEiActivePeriod(), receivedAt);
        List<DrInterval> intervals = intervals(signal, period);
        return new DrEvent(eventId, vtnId, vtnEventId, descriptor.getModificationNumber(), marketContext,
                DrEvent.EventStatus.valueOf(descriptor.getEventStatus().name()), period.start(), period.end(),
                intervals, priority(descriptor.getPriority()), isTest(descriptor.getTestEvent()), receivedAt);
    }

    /** {@code <vtnID>/<eventID>}, or empty when it could not travel in a DrEvent (and so cannot be stored). */
    public static Optional<String> eventKey(String vtnId, String vtnEventId) {
        String eventId = vtnId + "/" + vtnEventId;
        if (!WIRE_ID.matcher(vtnId).matches() || !WIRE_ID.matcher(vtnEventId).matches()
                || eventId.length() > MAX_EVENT_ID_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(eventId);
    }

    private static String eventId(String vtnId, String vtnEventId) {
        return eventKey(vtnId, vtnEventId).orElseThrow(() -> invalid("vtnID/eventID must be 1 to "
                + MAX_EVENT_ID_LENGTH + " printable ASCII characters without spaces, got '"
                + printable(vtnId + "/" + vtnEventId) + "'"));
    }

    // ----- Signal -----

    /** The one signal GridFlex executes in this event, and how to turn its values into kW of reduction. */
    private SignalReading readSignal(EiEventType ei) {
        List<EiEventSignalType> signals = ei.getEiEventSignals().getEiEventSignal();
        List<EiEventSignalType> dispatch = signals.stream()
                .filter(s -> LOAD_DISPATCH.equals(s.getSignalName().strip())
                        && s.getSignalType() == SignalTypeEnumeratedType.DELTA)
                .toList();
        if (dispatch.size() > 1) {
            throw invalid("event carries " + dispatch.size() + " LOAD_DISPATCH delta signals; which one applies is "
                    + "ambiguous");
        }
        if (dispatch.size() == 1) {
            return loadDispatch(dispatch.getFirst());
        }
        List<EiEventSignalType> simple = signals.stream()
                .filter(s -> SIMPLE.equals(s.getSignalName().strip())
                        && s.getSignalType() == SignalTypeEnumeratedType.LEVEL)
                .toList();
        if (simple.size() == 1 && rules.supportsSimple()) {
            return new SignalReading(simple.getFirst(), this::simpleLevelKw);
        }
        String found = signals.stream().map(s -> s.getSignalName().strip() + "/" + s.getSignalType().value())
                .distinct().toList().toString();
        throw refuse(OadrResponseCode.SIGNAL_NOT_SUPPORTED, "signals " + found + " not supported: GridFlex executes "
                + "LOAD_DISPATCH delta in powerReal" + (rules.supportsSimple() ? " or one SIMPLE level" : ""));
    }

    private static SignalReading loadDispatch(EiEventSignalType signal) {
        JAXBElement<? extends ItemBaseType> unit = signal.getItemBase();
        if (unit == null || !(unit.getValue() instanceof PowerRealType power)) {
            throw refuse(OadrResponseCode.SIGNAL_NOT_SUPPORTED, "LOAD_DISPATCH delta needs a powerReal unit, got "
                    + (unit == null ? "none" : unit.getName().getLocalPart()));
        }
        if (!"W".equals(power.getItemUnits()) || power.getSiScaleCode() == null) {
            throw refuse(OadrResponseCode.SIGNAL_NOT_SUPPORTED,
                    "powerReal must be in W with an siScaleCode, got " + power.getItemUnits());
        }
        return new SignalReading(signal, value -> {
            double kw = PowerScale.toKilowatts(value, power.getSiScaleCode());
            if (kw > 0) {
                throw refuse(OadrResponseCode.SIGNAL_NOT_SUPPORTED,
                        "LOAD_DISPATCH delta of +" + kw + " kW asks for more load; GridFlex only sheds");
            }
            return kw == 0 ? 0.0 : -kw;
        });
    }

    private double simpleLevelKw(float value) {
        if (value != 0 && value != 1 && value != 2 && value != 3) {
            throw invalid("SIMPLE level must be 0, 1, 2 or 3, got " + value);
        }
        int level = (int) value;
        return level == 0 ? 0.0 : rules.simpleLevelKw().get(level - 1);
    }

    // ----- Time -----

    private ActivePeriod activePeriod(EiActivePeriodType activePeriod, Instant receivedAt) {
        Properties properties = activePeriod.getProperties();
        if (properties.getDtstart() == null || properties.getDtstart().getDateTime() == null
                || properties.getDuration() == null || properties.getDuration().getDuration() == null) {
            throw invalid("eiActivePeriod needs dtstart and duration");
        }
        Instant start = properties.getDtstart().getDateTime();
        Duration duration = properties.getDuration().getDuration();
        if (duration.isNegative()) {
            throw invalid("event duration " + duration + " is negative");
        }
        if (duration.compareTo(rules.maxEventDuration()) > 0) {
            throw invalid("event lasts " + duration + ", longer than the " + rules.maxEventDuration()
                    + " GridFlex accepts");
        }
        if (start.isAfter(receivedAt.plus(rules.maxStartAhead()))) {
            throw invalid("event starts at " + start + ", more than " + rules.maxStartAhead() + " ahead");
        }
        boolean openEnded = duration.isZero();
        return new ActivePeriod(start, start.plus(openEnded ? rules.maxEventDuration() : duration), openEnded,
                duration);
    }

    /**
     * Lays the intervals back to back from the event start. An interval that states its own start must begin where
     * the previous one ended (no gaps, no overlap, no reordering). A zero-length last interval, and the last interval
     * of an open-ended event, run to the event's end.
     */
    private static List<DrInterval> intervals(SignalReading signal, ActivePeriod period) {
        List<IntervalType> given = signal.signal().getIntervals().getInterval();
        if (given.isEmpty() || given.size() > MAX_INTERVALS) {
            throw invalid("a signal needs 1 to " + MAX_INTERVALS + " intervals, got " + given.size());
        }
        List<DrInterval> intervals = new ArrayList<>(given.size());
        Instant cursor = period.start();
        Long previousUid = null;
        for (int i = 0; i < given.size(); i++) {
            IntervalType interval = given.get(i);
            boolean last = i == given.size() - 1;
            Instant stated = interval.getDtstart() == null ? null : interval.getDtstart().getDateTime();
            if (stated != null && !stated.equals(cursor)) {
                throw invalid("interval " + i + " starts at " + stated + " but the previous one ends at " + cursor
                        + ": intervals must be in order and without gaps");
            }
            previousUid = checkUidOrder(interval, previousUid, i);
            Duration length = intervalLength(interval, given.size(), period);
            if (length.isZero() && !last) {
                throw invalid("interval " + i + " has no duration; only the last interval may be open-ended");
            }
            Instant end = last && (length.isZero() || period.openEnded()) ? period.end() : cursor.plus(length);
            if (!end.isAfter(cursor) || end.isAfter(period.end())) {
                throw invalid("interval " + i + " from " + cursor + " to " + end + " does not fit the active period "
                        + period.start() + " to " + period.end());
            }
            intervals.add(new DrInterval(cursor, end, reduction(signal, interval, i)));
            cursor = end;
        }
        if (!period.openEnded() && !cursor.equals(period.end())) {
            throw invalid("intervals end at " + cursor + " but the active period lasts " + period.stated()
                    + " to " + period.end());
        }
        return intervals;
    }

    private static Duration intervalLength(IntervalType interval, int count, ActivePeriod period) {
        if (interval.getDuration() == null || interval.getDuration().getDuration() == null) {
            if (count == 1) {
                // A single interval without duration spans the whole active period.
                return period.stated();
            }
            throw invalid("every interval of a multi-interval signal needs a duration");
        }
        Duration length = interval.getDuration().getDuration();
        if (length.isNegative()) {
            throw invalid("interval duration " + length + " is negative");
        }
        return length;
    }

    private static Long checkUidOrder(IntervalType interval, Long previousUid, int index) {
        if (interval.getUid() == null || interval.getUid().getText() == null) {
            return previousUid;
        }
        try {
            long uid = Long.parseLong(interval.getUid().getText().strip());
            if (previousUid != null && uid <= previousUid) {
                throw invalid("interval uids must increase, got " + uid + " after " + previousUid);
            }
            return uid;
        } catch (NumberFormatException e) {
            // Non-numeric uids carry no order; the stated start times (if any) were checked.
            return previousUid;
        }
    }

    private static double reduction(SignalReading signal, IntervalType interval, int index) {
        List<Float> values = interval.getStreamPayloadBase().stream()
                .map(JAXBElement::getValue)
                .filter(SignalPayloadType.class::isInstance)
                .map(p -> ((SignalPayloadType) p).getPayloadBase())
                .filter(p -> p != null && p.getValue() instanceof PayloadFloatType)
                .map(p -> ((PayloadFloatType) p.getValue()).getValue())
                .toList();
        if (values.size() != 1) {
            throw invalid("interval " + index + " needs exactly one signalPayload float, got " + values.size());
        }
        float value = values.getFirst();
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            throw invalid("interval " + index + " has the value " + value);
        }
        double kw = signal.toReductionKw().apply(value);
        if (kw > MAX_REDUCTION_KW) {
            throw invalid("interval " + index + " asks for " + kw + " kW, more than " + MAX_REDUCTION_KW);
        }
        return kw;
    }

    // ----- Descriptor -----

    private static int priority(Long priority) {
        return priority == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, priority));
    }

    /** OpenADR lets testEvent carry text after "true"; anything but absent or "false" marks a test. */
    private static boolean isTest(String testEvent) {
        return testEvent != null && !testEvent.isBlank() && !"false".equalsIgnoreCase(testEvent.strip());
    }

    private static EventRefusal invalid(String reason) {
        return new EventRefusal(OadrResponseCode.INVALID_DATA, reason);
    }

    private static EventRefusal refuse(OadrResponseCode code, String reason) {
        return new EventRefusal(code, reason);
    }

    private static String printable(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** @param toReductionKw one signal value to kW of reduction, refusing values GridFlex cannot execute */
    private record SignalReading(EiEventSignalType signal, FloatToKw toReductionKw) {
    }

    @FunctionalInterface
    private interface FloatToKw {

        double apply(float value);
    }

    /** @param stated the duration the VTN gave, zero when open-ended */
    private record ActivePeriod(Instant start, Instant end, boolean openEnded, Duration stated) {
    }
}
