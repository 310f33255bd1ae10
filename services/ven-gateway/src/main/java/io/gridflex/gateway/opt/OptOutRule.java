package io.gridflex.gateway.opt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

import io.gridflex.messages.DispatchStatus;

/**
 * When the VEN takes back an optIn: dispatch says the fleet cannot meet the event's current revision, and what it
 * cannot deliver is at least the program's {@code opt-out.shortfall-fraction} of what the event asks. With the
 * default fraction 1 the VEN opts out only an event the fleet can deliver nothing of (no site can take part, or
 * dispatch refused the event); a partial shortfall is left to the reports, which tell the VTN what is delivered. An
 * event already answered with optOut, a test event, an event the VTN ended or cancelled, and a status about another
 * revision than the one the VEN holds change nothing. Short of that, one resource the event names can be opted out on
 * its own: dispatch says none of its sites takes part while the fleet falls short ({@link #resourcesTakingNoPart}).
 *
 * @param shortfallFraction 0 to 1; above 1 never opts out
 */
public record OptOutRule(BigDecimal shortfallFraction) {

    /** A shortfall within this of the whole request counts as the whole (dispatch rounds to 0.1 kW). */
    static final BigDecimal TOLERANCE_KW = new BigDecimal("0.05");

    /** Why the VEN opts out of the whole event, for people; empty when it does not. */
    public Optional<String> judge(DispatchStatus status, EventStanding event) {
        if (!shortAndOurs(status, event)) {
            return Optional.empty();
        }
        BigDecimal requested = BigDecimal.valueOf(status.requestedKw());
        BigDecimal shortfall = BigDecimal.valueOf(status.shortfallKw());
        boolean nothingCommitted = status.committedKw() <= 0;
        boolean shortEnough = requested.signum() > 0 && shortfall.add(TOLERANCE_KW)
                .compareTo(requested.multiply(shortfallFraction)) >= 0;
        if (!(nothingCommitted && shortfallFraction.compareTo(BigDecimal.ONE) <= 0) && !shortEnough) {
            return Optional.empty();
        }
        return Optional.of("fleet cannot deliver (" + figures(status) + ")"
                + (status.reason() == null ? "" : ": " + status.reason()));
    }

    /**
     * The resources the event names that take no part in it, when the fleet falls short of the event and the whole
     * event is not opted out: each is opted out on its own, the rest of the event stays opted in. A resource the
     * status does not list (dispatch did not judge it) is left alone.
     */
    public List<String> resourcesTakingNoPart(DispatchStatus status, EventStanding event) {
        if (!shortAndOurs(status, event) || judge(status, event).isPresent() || event.resourceIds().isEmpty()) {
            return List.of();
        }
        return status.resources().stream().filter(r -> r.sites() == 0)
                .map(DispatchStatus.ResourceShare::resourceId).filter(event.resourceIds()::contains).toList();
    }

    /** Why one resource is opted out, for people. */
    public static String resourceReason(DispatchStatus status, String resourceId) {
        return "resource " + resourceId + " takes no part while the fleet cannot deliver (" + figures(status) + ")"
                + (status.reason() == null ? "" : ": " + status.reason());
    }

    /** The fleet falls short of the event revision the VEN holds and opted in to, and the event is still on. */
    private static boolean shortAndOurs(DispatchStatus status, EventStanding event) {
        if (status.canMeet() || !"optIn".equals(event.optType()) || event.testEvent()
                || event.modificationNumber() != status.modificationNumber() || event.vtnEnded()) {
            return false;
        }
        // RECEIVED (dispatch refused or could not allocate it), SCHEDULED, NOTIFIED, ACTIVE
        return switch (status.state()) {
            case COMPLETED, CANCELLED -> false;
            default -> true;
        };
    }

    private static String figures(DispatchStatus status) {
        BigDecimal requested = BigDecimal.valueOf(status.requestedKw());
        return requested.signum() > 0
                ? "short by " + BigDecimal.valueOf(status.shortfallKw()).setScale(1, RoundingMode.HALF_UP)
                        .toPlainString() + " of " + requested.setScale(1, RoundingMode.HALF_UP).toPlainString() + " kW"
                : "nothing committed";
    }
}
