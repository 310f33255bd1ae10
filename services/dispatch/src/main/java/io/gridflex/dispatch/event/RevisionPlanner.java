package io.gridflex.dispatch.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.gridflex.dispatch.allocation.Allocation;
import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.allocation.ProportionalAllocator;
import io.gridflex.dispatch.allocation.SiteFlexibility;
import io.gridflex.dispatch.allocation.SiteShare;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.SiteCommand.Action;

/**
 * Decides the commands for a new revision of an event, given the sites that are fresh now and the sites whose latest
 * command for the event is still a SHED. Pure: the same inputs always give the same plan.
 * <p>
 * Every site gets one command covering the whole event, {@code [start, end]}, sized to its share of the event's peak
 * reduction. Shaping each site's command interval by interval is a later refinement; until then a site may shed more
 * than an off-peak interval asks for, never less.
 */
public final class RevisionPlanner {

    private final ProportionalAllocator allocator;

    public RevisionPlanner(ProportionalAllocator allocator) {
        this.allocator = allocator;
    }

    public RevisionPlan plan(DrEvent event, Instant now, Collection<SiteFlexibility> freshSites,
            Collection<String> sitesShedding) {
        long requested = DeciKw.round(event.peakReductionKw());
        if (!event.end().isAfter(now)) {
            return new RevisionPlan(EventOutcome.ENDED, Allocation.none(requested), List.of());
        }
        EventOutcome outcome = outcomeOf(event);
        Allocation allocation = outcome == EventOutcome.ALLOCATED
                ? allocator.allocate(event.peakReductionKw(), freshSites)
                : Allocation.none(requested);

        List<SiteCommand> commands = new ArrayList<>();
        Set<String> stillShedding = new TreeSet<>(sitesShedding);
        for (SiteShare share : allocation.shares()) {
            commands.add(command(event, share.siteId(), Action.SHED, share.kw(), now));
            stillShedding.remove(share.siteId());
        }
        // A site left out of this revision must not go on shedding under the previous one.
        for (String siteId : stillShedding) {
            commands.add(command(event, siteId, Action.CANCEL, 0, now));
        }
        return new RevisionPlan(outcome, allocation, commands);
    }

    private static EventOutcome outcomeOf(DrEvent event) {
        return switch (event.status()) {
            case CANCELLED -> EventOutcome.CANCELLED;
            case COMPLETED -> EventOutcome.COMPLETED;
            default -> event.testEvent() ? EventOutcome.TEST : EventOutcome.ALLOCATED;
        };
    }

    private static SiteCommand command(DrEvent event, String siteId, Action action, double shedKw, Instant now) {
        long revision = event.modificationNumber();
        return new SiteCommand(SiteCommand.commandId(event.eventId(), revision, siteId), siteId, event.eventId(),
                revision, action, shedKw, event.start(), event.end(), now);
    }
}
