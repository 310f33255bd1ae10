package io.gridflex.gateway.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EiEventType;
import io.gridflex.openadr.model.ei.EventDescriptorType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType.OadrEvent;

/**
 * Checks one event of an oadrDistributeEvent against what GridFlex can execute and, when it can, normalizes it into
 * a {@link DrEvent}: the one signal executed (see {@link ExecutableSignal}) with its values exact and in GridFlex
 * units, the resources and groups targeted, UTC instants, intervals back to back. What a level, percentage or price
 * asks of which site is decided downstream, by dispatch.
 * <p>
 * Checks run in the order a VTN would want to hear about them: is the event ours (462), is its signal one we execute
 * (460), are its values usable (454). Pure: no I/O, the receive time is passed in.
 */
public final class EventValidator {

    /** The DrEvent schema's bounds for ids and the market context. */
    private static final Pattern WIRE_ID = Pattern.compile("[\\x21-\\x7e]{1,256}");
    private static final int MAX_EVENT_ID_LENGTH = 256;
    private static final int MAX_MARKET_CONTEXT_LENGTH = 2048;

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
        if (!TargetMatcher.matches(ei.getEiTarget(), rules.venId(), rules.audience())) {
            throw new EventRefusal(OadrResponseCode.TARGET_MISMATCH, "event " + vtnEventId + " does not target venID "
                    + rules.venId() + rules.audience().describe());
        }
        SignalChoice choice = SignalChoice.of(ei.getEiEventSignals().getEiEventSignal());
        SignalReading reading = SignalReading.of(choice);
        if (descriptor.getModificationNumber() < 0) {
            throw EventRefusal.invalid("modificationNumber must not be negative, got "
                    + descriptor.getModificationNumber());
        }
        String marketContext = descriptor.getEiMarketContext().getMarketContext().strip();
        if (marketContext.length() > MAX_MARKET_CONTEXT_LENGTH) {
            throw EventRefusal.invalid("marketContext is longer than " + MAX_MARKET_CONTEXT_LENGTH + " characters");
        }
        if (!rules.acceptsMarketContext(marketContext)) {
            // Not an error in the event: this VEN is not enrolled in that market, so it declines to take part.
            throw new EventRefusal(OadrResponseCode.OK, "market context " + EventRefusal.printable(marketContext)
                    + " is not one of this program's " + rules.marketContexts());
        }
        DrEvent.Targets targets = EventTargets.of(ei.getEiTarget());
        ActivePeriod period = ActivePeriod.of(ei.getEiActivePeriod(), rules, receivedAt);
        List<DrInterval> intervals = IntervalLayout.lay(choice.signal().getIntervals().getInterval(), reading,
                period);
        return new DrEvent(eventId, vtnId, vtnEventId, descriptor.getModificationNumber(), rules.program(),
                marketContext, DrEvent.EventStatus.valueOf(descriptor.getEventStatus().name()), period.start(),
                period.end(), reading.signal(), reading.currency(), intervals, targets, period.startAfterSeconds(),
                priority(descriptor.getPriority()), isTest(descriptor.getTestEvent()), receivedAt);
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
        return eventKey(vtnId, vtnEventId).orElseThrow(() -> EventRefusal.invalid("vtnID/eventID must be 1 to "
                + MAX_EVENT_ID_LENGTH + " printable ASCII characters without spaces, got '"
                + EventRefusal.printable(vtnId + "/" + vtnEventId) + "'"));
    }

    private static int priority(Long priority) {
        return priority == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, priority));
    }

    /** OpenADR lets testEvent carry text after "true"; anything but absent or "false" marks a test. */
    private static boolean isTest(String testEvent) {
        return testEvent != null && !testEvent.isBlank() && !"false".equalsIgnoreCase(testEvent.strip());
    }
}
