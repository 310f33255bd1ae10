package io.gridflex.messages;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A demand-response event as GridFlex understands it, whatever VTN or program it came from: a signal with one value per
 * interval, for a program, possibly narrowed to some of our resources or groups. A VTN that modifies an event sends the
 * same {@code eventId} with a higher {@code modificationNumber}; consumers keep the highest one they have seen and
 * ignore older ones.
 *
 * @param eventId stable GridFlex id of the event: {@code <vtnId>/<vtnEventId>}
 * @param vtnId the VTN that issued it
 * @param vtnEventId the VTN's own {@code eventID}
 * @param modificationNumber the VTN's modification number; higher wins
 * @param program the GridFlex program (one configured VTN connection) the event came through; dispatch only acts on
 *        programs registered with it
 * @param marketContext the VTN's market context of the event
 * @param status the event's status as the VTN last stated it
 * @param start when the first interval starts
 * @param end when the last interval ends
 * @param signal what the interval values mean
 * @param currency ISO 4217 code of a {@link Signal#PRICE} signal's prices; null for other signals
 * @param intervals the signal's values, interval by interval, in time order and without gaps
 * @param targets the resources and groups the event addresses; both empty means every site of the program
 * @param startAfterSeconds the VTN's start randomization: each site may start up to this many seconds late (0: none)
 * @param priority the VTN's priority (0 is highest)
 * @param testEvent true when the VTN flagged the event as a test: it is recorded, nothing is shed
 * @param receivedAt when ven-gateway accepted the event
 */
public record DrEvent(
        String eventId,
        String vtnId,
        String vtnEventId,
        long modificationNumber,
        String program,
        String marketContext,
        EventStatus status,
        Instant start,
        Instant end,
        Signal signal,
        String currency,
        List<DrInterval> intervals,
        Targets targets,
        long startAfterSeconds,
        int priority,
        boolean testEvent,
        Instant receivedAt) {

    public DrEvent {
        intervals = List.copyOf(intervals);
        Objects.requireNonNull(targets, "targets");
    }

    /** Status of an event, with the values OpenADR 2.0b uses for {@code eventStatus}. */
    public enum EventStatus {
        NONE, FAR, NEAR, ACTIVE, COMPLETED, CANCELLED
    }

    /** What an interval's value asks of the program's sites. */
    public enum Signal {
        /** Reduce the draw by this many kW (OpenADR LOAD_DISPATCH delta). */
        REDUCTION_KW,
        /** Reduce the draw by this percentage of the targeted sites' current draw (x-loadControlPercentOffset). */
        REDUCTION_PERCENT,
        /** Hold the targeted sites' total draw at or under this many kW (LOAD_DISPATCH / LOAD_CONTROL setpoint). */
        IMPORT_CAP_KW,
        /** Run at no more than this fraction (0 to 1) of the targeted sites' current draw (x-loadControlCapacity). */
        CAPACITY_FRACTION,
        /** A level: 0 (normal) to 3 (SIMPLE), or a load control level offset; the program maps levels to capacity. */
        LEVEL,
        /** A price per MWh in {@link DrEvent#currency()}: sites shed when it passes their strike price. */
        PRICE
    }

    /**
     * OpenADR targets of the event that name our resources or groups.
     *
     * @param resourceIds {@code resourceID}s; each maps to a set of sites in dispatch's fleet registry
     * @param groupIds {@code groupID}s; each maps to a set of sites in dispatch's fleet registry
     */
    public record Targets(List<String> resourceIds, List<String> groupIds) {

        public Targets {
            resourceIds = List.copyOf(resourceIds);
            groupIds = List.copyOf(groupIds);
        }

        /** No narrowing: the whole program. */
        public static Targets all() {
            return new Targets(List.of(), List.of());
        }

        public boolean wholeProgram() {
            return resourceIds.isEmpty() && groupIds.isEmpty();
        }
    }

    /** The largest value of any interval, or zero. */
    public BigDecimal peakValue() {
        return intervals.stream().map(DrInterval::value).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
    }
}
