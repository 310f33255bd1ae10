package io.gridflex.messages;

import java.time.Instant;

/**
 * A site agent's report on a command, sent at each step of its life.
 *
 * @param commandId the command reported on
 * @param siteId the reporting site
 * @param eventId the event the command serves
 * @param status the step reached
 * @param shedKw load the site has removed at this step, in kW
 * @param reason for people, not programs: why, for {@link Status#REJECTED} and {@link Status#SUPERSEDED}; what was
 *        done, for {@link Status#SHED} (miners stopped, time taken, any shortfall); may be null. Figures a program
 *        needs travel in their own fields or in the agent's metrics.
 * @param at when the step was reached
 */
public record CommandAck(
        String commandId,
        String siteId,
        String eventId,
        Status status,
        double shedKw,
        String reason,
        Instant at) {

    public enum Status {
        /** Valid and scheduled. */
        ACCEPTED,
        /** Not executed; {@code reason} says why. */
        REJECTED,
        /** Miners told to stop; {@code shedKw} is what they drew. */
        SHED,
        /** The command ended or was cancelled; load is coming back in stages. */
        RESTORING,
        /** All load the command removed is back. */
        RESTORED,
        /** A newer revision or a cancel replaced it. */
        SUPERSEDED
    }
}
