package io.gridflex.gateway.event;

import java.time.Duration;
import java.time.Instant;

import io.gridflex.openadr.model.ei.EiActivePeriodType;
import io.gridflex.openadr.model.xcal.Properties;

/**
 * An event's eiActivePeriod, checked against what GridFlex accepts.
 *
 * @param end the stated end, or for an open-ended event start + the longest event accepted
 * @param stated the duration the VTN gave, zero when open-ended
 * @param startAfterSeconds the start randomization (tolerance/tolerate/startafter): each site may start up to this
 *        many seconds late; 0 when none
 */
record ActivePeriod(Instant start, Instant end, boolean openEnded, Duration stated, long startAfterSeconds) {

    /** The DrEvent schema's bound: a day of randomization. */
    static final Duration MAX_START_AFTER = Duration.ofDays(1);

    static ActivePeriod of(EiActivePeriodType activePeriod, ValidationRules rules, Instant receivedAt) {
        Properties properties = activePeriod.getProperties();
        if (properties.getDtstart() == null || properties.getDtstart().getDateTime() == null
                || properties.getDuration() == null || properties.getDuration().getDuration() == null) {
            throw EventRefusal.invalid("eiActivePeriod needs dtstart and duration");
        }
        Instant start = properties.getDtstart().getDateTime();
        Duration duration = properties.getDuration().getDuration();
        if (duration.isNegative()) {
            throw EventRefusal.invalid("event duration " + duration + " is negative");
        }
        if (duration.compareTo(rules.maxEventDuration()) > 0) {
            throw EventRefusal.invalid("event lasts " + duration + ", longer than the " + rules.maxEventDuration()
                    + " GridFlex accepts");
        }
        if (start.isAfter(receivedAt.plus(rules.maxStartAhead()))) {
            throw EventRefusal.invalid("event starts at " + start + ", more than " + rules.maxStartAhead() + " ahead");
        }
        boolean openEnded = duration.isZero();
        return new ActivePeriod(start, start.plus(openEnded ? rules.openEndedDuration() : duration), openEnded,
                duration, startAfterSeconds(properties));
    }

    private static long startAfterSeconds(Properties properties) {
        Properties.Tolerance tolerance = properties.getTolerance();
        Duration startAfter = tolerance == null || tolerance.getTolerate() == null
                ? null
                : tolerance.getTolerate().getStartafter();
        if (startAfter == null) {
            return 0;
        }
        if (startAfter.isNegative() || startAfter.compareTo(MAX_START_AFTER) > 0) {
            throw EventRefusal.invalid("startafter " + startAfter + " must be from PT0S to " + MAX_START_AFTER);
        }
        // xcal durations are whole seconds; a fraction could not have been parsed.
        return startAfter.toSeconds();
    }
}
