package io.gridflex.dispatch.event;

import java.util.List;

import io.gridflex.dispatch.allocation.Allocation;
import io.gridflex.messages.SiteCommand;

/**
 * What to record and issue for one new revision of an event.
 *
 * @param outcome how the revision was handled
 * @param allocation the split of the event's peak reduction; empty unless {@code outcome} is ALLOCATED
 * @param commands the commands to issue, SHEDs first then CANCELs, each ordered by site id
 */
public record RevisionPlan(EventOutcome outcome, Allocation allocation, List<SiteCommand> commands) {

    public RevisionPlan {
        commands = List.copyOf(commands);
    }
}
