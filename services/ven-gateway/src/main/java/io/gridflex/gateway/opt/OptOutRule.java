package io.gridflex.gateway.opt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import io.gridflex.messages.DispatchStatus;

/**
 * When the VEN takes back an optIn: dispatch says the fleet cannot meet the event's current revision, and what it
 * cannot deliver is at least the program's {@code opt-out.shortfall-fraction} of what the event asks. With the
 * default fraction 1 the VEN opts out only an event the fleet can deliver nothing of (no site can take part, or
 * dispatch refused the event); a partial shortfall is left to the reports, which tell the VTN what is delivered. An
 * event already answered with optOut, a test event, an event the VTN ended or cancelled, and a status about another
 * revision than the one the VEN holds change nothing.
 *
 * @param shortfallFraction 0 to 1; above 1 never opts out
 */
public record OptOutRule(BigDecimal shortfallFraction) {

    /** A shortfall within this of the whole request counts as the whole (dispatch rounds to 0.1 kW). */
    static final BigDecimal TOLERANCE_KW = new BigDecimal("0.05");

    /** Why the VEN opts out, for people; empty when it does not. */
    public Optional<String> judge(DispatchStatus status, EventStanding event) {
        if (status.canMeet() || !"optIn".equals(event.optType()) || event.testEvent()
                || event.modificationNumber() != status.modificationNumber() || event.vtnEnded()) {
            return Optional.empty();
        }
        switch (status.state()) {
            case COMPLETED, CANCELLED -> {
                return Optional.empty();
            }
            default -> {
                // RECEIVED (dispatch refused or could not allocate it), SCHEDULED, NOTIFIED, ACTIVE
            }
        }
        BigDecimal requested = BigDecimal.valueOf(status.requestedKw());
        BigDecimal shortfall = BigDecimal.valueOf(status.shortfallKw());
        boolean nothingCommitted = status.committedKw() <= 0;
        boolean shortEnough = requested.signum() > 0 && shortfall.add(TOLERANCE_KW)
                .compareTo(requested.multiply(shortfallFraction)) >= 0;
        if (!(nothingCommitted && shortfallFraction.compareTo(BigDecimal.ONE) <= 0) && !shortEnough) {
            return Optional.empty();
        }
        String figures = requested.signum() > 0
                ? "short by " + shortfall.setScale(1, RoundingMode.HALF_UP).toPlainString() + " of "
                        + requested.setScale(1, RoundingMode.HALF_UP).toPlainString() + " kW"
                : "nothing committed";
        return Optional.of("fleet cannot deliver (" + figures + ")"
                + (status.reason() == null ? "" : ": " + status.reason()));
    }
}
