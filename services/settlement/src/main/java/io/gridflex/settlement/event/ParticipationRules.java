package io.gridflex.settlement.event;

import java.util.Optional;

import io.gridflex.messages.SiteCommand;
import io.gridflex.settlement.messaging.WireValues;

/**
 * How site commands build up a site's participation in an event. Commands of one event and site apply in revision
 * order: a lower revision than the one held is stale; a SHED of a higher revision replaces the participation (and
 * lifts an earlier cancel, since dispatch re-planned); a CANCEL of the same or a higher revision ends it at the
 * cancel's issue time. A SHED re-sent at the revision of a cancel must not bring the site back. Pure.
 */
public final class ParticipationRules {

    private ParticipationRules() {
    }

    public static CommandDecision apply(Optional<Participation> held, SiteCommand command) {
        String pair = "event " + command.eventId() + " site " + command.siteId();
        if (held.isPresent() && command.revision() < held.get().revision()) {
            return new CommandDecision.Ignore("stale-revision", pair + ": revision " + command.revision()
                    + " is older than the held revision " + held.get().revision());
        }
        return switch (command.action()) {
            case SHED -> shed(held, command, pair);
            case CANCEL -> cancel(held, command, pair);
        };
    }

    private static CommandDecision shed(Optional<Participation> held, SiteCommand command, String pair) {
        if (!command.end().isAfter(command.start())) {
            return new CommandDecision.Ignore("invalid-window",
                    pair + ": command ends at " + command.end() + ", not after its start " + command.start());
        }
        Participation next = new Participation(command.eventId(), command.siteId(), command.revision(),
                WireValues.decimal(command.shedKw()), WireValues.instant(command.start()),
                WireValues.instant(command.end()), null, command.commandId());
        if (held.isEmpty()) {
            return new CommandDecision.Apply(next);
        }
        Participation current = held.get();
        if (current.revision() == command.revision() && current.cancelled()) {
            return new CommandDecision.Ignore("cancelled",
                    pair + ": revision " + command.revision() + " was already cancelled");
        }
        if (sameShed(current, next)) {
            return new CommandDecision.Ignore("duplicate", pair + ": command " + command.commandId() + " already held");
        }
        return new CommandDecision.Apply(next);
    }

    private static CommandDecision cancel(Optional<Participation> held, SiteCommand command, String pair) {
        if (held.isEmpty()) {
            return new CommandDecision.Ignore("cancel-without-shed", pair + ": nothing to cancel");
        }
        Participation current = held.get();
        if (current.cancelled()) {
            return new CommandDecision.Ignore("duplicate",
                    pair + ": already cancelled at " + current.cancelledAt());
        }
        return new CommandDecision.Apply(new Participation(current.eventId(), current.siteId(), command.revision(),
                current.shedKw(), current.start(), current.end(), WireValues.instant(command.issuedAt()),
                command.commandId()));
    }

    private static boolean sameShed(Participation a, Participation b) {
        return a.revision() == b.revision()
                && a.shedKw().compareTo(b.shedKw()) == 0
                && a.start().equals(b.start())
                && a.end().equals(b.end())
                && !a.cancelled()
                && a.lastCommandId().equals(b.lastCommandId());
    }
}
