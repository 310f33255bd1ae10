package io.gridflex.dispatch.event;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.DispatchMetrics;
import io.gridflex.dispatch.allocation.ProportionalAllocator;
import io.gridflex.dispatch.command.AckRepository;
import io.gridflex.dispatch.command.AckView;
import io.gridflex.dispatch.command.CommandRepository;
import io.gridflex.dispatch.command.CommandView;
import io.gridflex.dispatch.command.PendingCommand;
import io.gridflex.dispatch.site.SiteService;
import io.gridflex.messages.DrEvent;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.outbox.OutboxRelay;

/**
 * Turns DR event revisions into site commands. The revision, its allocation totals and its commands are written in
 * one transaction: the commands table is the outbox, so a revision is either recorded with all its commands or not at
 * all, and the relay publishes whatever was committed.
 */
@ApplicationScoped
public class EventService {

    private final EventRepository events;
    private final CommandRepository commands;
    private final AckRepository acks;
    private final SiteService sites;
    private final Transactions transactions;
    private final OutboxRelay<PendingCommand> relay;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final RevisionPlanner planner = new RevisionPlanner(new ProportionalAllocator());

    public EventService(EventRepository events, CommandRepository commands, AckRepository acks, SiteService sites,
            Transactions transactions, OutboxRelay<PendingCommand> relay, DispatchMetrics metrics, Clock clock) {
        this.events = events;
        this.commands = commands;
        this.acks = acks;
        this.sites = sites;
        this.transactions = transactions;
        this.relay = relay;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Processes one event message. A modification number equal to the stored one is a duplicate and one below it is
     * out of order: both leave everything as it was.
     *
     * @param payload the message as received, stored with the revision
     */
    public Handling handle(DrEvent event, String payload) {
        Instant now = clock.instant();
        Handling handling = transactions.inTransaction(connection -> {
            OptionalLong held = events.lockRevision(connection, event.eventId());
            if (held.isPresent() && held.getAsLong() == event.modificationNumber()) {
                return new Handling(Handling.Kind.DUPLICATE, held.getAsLong(), null);
            }
            if (held.isPresent() && held.getAsLong() > event.modificationNumber()) {
                return new Handling(Handling.Kind.OUT_OF_ORDER, held.getAsLong(), null);
            }
            RevisionPlan plan = planner.plan(event, now, sites.freshSites(connection, now),
                    commands.sitesShedding(connection, event.eventId()));
            if (!events.saveRevision(connection, event, payload, plan.outcome(), plan.allocation(), now)) {
                throw new ConcurrentRevisionException(event.eventId());
            }
            commands.insert(connection, plan.commands());
            return Handling.newRevision(plan);
        });
        if (handling.kind() == Handling.Kind.NEW_REVISION) {
            RevisionPlan plan = handling.plan();
            metrics.revisionHandled(plan.outcome(), plan.allocation(), plan.commands());
            if (!plan.commands().isEmpty()) {
                relay.wake();
            }
        }
        return handling;
    }

    public List<EventSummary> recent(int limit) {
        return transactions.read(connection -> events.recent(connection, limit));
    }

    public Optional<EventDetail> detail(String eventId) {
        return transactions.read(connection -> {
            Optional<EventSummary> event = events.find(connection, eventId);
            if (event.isEmpty()) {
                return Optional.empty();
            }
            List<CommandView> issued = commands.forEvent(connection, eventId);
            Map<String, AckView> latestAcks = acks.latestBySite(connection, eventId);
            // Commands come by revision then site, so the last one put per site is its latest.
            Map<String, CommandView> latestCommands = new LinkedHashMap<>();
            issued.forEach(command -> latestCommands.put(command.siteId(), command));
            List<SiteDispatch> perSite = new ArrayList<>();
            latestCommands.values().stream()
                    .sorted((a, b) -> a.siteId().compareTo(b.siteId()))
                    .forEach(command -> perSite.add(
                            new SiteDispatch(command.siteId(), command, latestAcks.get(command.siteId()))));
            return Optional.of(new EventDetail(event.get(), perSite, issued));
        });
    }
}
