package io.gridflex.dispatch.command;

import java.time.Instant;

import io.gridflex.messages.CommandAck.Status;

/**
 * A step a site reported for a command.
 *
 * @param commandId the command reported on
 * @param status the step reached
 * @param shedKw load the site had removed at that step, in kW
 * @param reason why, for REJECTED and SUPERSEDED
 * @param at when the site reached the step
 */
public record AckView(String commandId, Status status, double shedKw, String reason, Instant at) {
}
