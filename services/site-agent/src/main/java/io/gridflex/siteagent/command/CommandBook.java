package io.gridflex.siteagent.command;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.messages.CommandAck;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.Topics;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;

/**
 * The agent's single source of truth about commands and held miners, shared by the Kafka consumer and the controller.
 * Every change is persisted before the lock is released, and the acks that report a change are handed to the producer
 * under the same lock, so they go out in the order the changes happened.
 */
@ApplicationScoped
public class CommandBook {

    private static final Logger LOG = Logger.getLogger(CommandBook.class);

    /** What the controller needs to know, taken consistently. */
    public record View(Optional<ActiveCommand> active, List<HeldMiner> held) {
    }

    private final String siteId;
    private final double sleepW;
    private final Clock clock;
    private final AckPublisher acks;
    private final AgentMetrics metrics;
    private final StateFile stateFile;
    private final CommandLedger ledger;

    public CommandBook(SiteConfig config, Clock clock, AckPublisher acks, AgentMetrics metrics) {
        this.siteId = config.id();
        this.sleepW = config.miner().sleepW();
        this.clock = clock;
        this.acks = acks;
        this.metrics = metrics;
        this.stateFile = new StateFile(config.stateFile());
        AgentState state = stateFile.load();
        this.ledger = CommandLedger.restore(siteId, config.commandClockSkew(), state);
        Optional.ofNullable(state.active())
                .ifPresent(a -> LOG.infof("resuming command %s (%s, phase %s, %s to %s) with %d miners held",
                        a.commandId(), a.command().action(), a.phase(), a.command().start(), a.command().end(),
                        state.held().size()));
    }

    /** Decides on a received command, persists the outcome and acknowledges it. */
    public synchronized Decision offer(SiteCommand command) {
        Instant now = clock.instant();
        Decision decision = ledger.offer(command, now);
        switch (decision) {
            case Decision.Accepted accepted -> {
                persist();
                if (accepted.superseded() != null) {
                    ack(accepted.superseded().command(), CommandAck.Status.SUPERSEDED, heldReductionKw(),
                            "replaced by " + command.commandId(), now);
                }
                ack(command, CommandAck.Status.ACCEPTED, heldReductionKw(), null, now);
            }
            case Decision.Rejected rejected -> {
                persist();
                ack(command, CommandAck.Status.REJECTED, 0, rejected.reason(), now);
            }
            case Decision.Ignored ignored -> {
                if (ignored.why() == Decision.Why.FOREIGN_SITE) {
                    LOG.debugf("ignored: %s", ignored.detail());
                } else {
                    LOG.warnf("message rejected: topic=%s key=%s reason=%s detail=%s", Topics.SITE_COMMANDS,
                            command.siteId(), ignored.why().tag(), ignored.detail());
                }
                metrics.rejected(Topics.SITE_COMMANDS, ignored.why().tag());
                metrics.command(ignored.why().tag());
            }
        }
        return decision;
    }

    public synchronized View view() {
        return new View(ledger.active(), ledger.held());
    }

    /**
     * Moves the active command to {@code phase} and reports it with {@code status}; does nothing when the command
     * was superseded meanwhile.
     */
    public synchronized boolean advance(String commandId, ActiveCommand.Phase phase, CommandAck.Status status,
            double shedKw, String reason) {
        Optional<ActiveCommand> active = ledger.active();
        if (active.isEmpty() || !ledger.advance(commandId, phase)) {
            return false;
        }
        persist();
        ack(active.get().command(), status, shedKw, reason, clock.instant());
        return true;
    }

    /** Reports the active command RESTORED and forgets it; does nothing when it was superseded meanwhile. */
    public synchronized boolean finish(String commandId, String reason) {
        Optional<ActiveCommand> active = ledger.active();
        if (active.isEmpty() || !ledger.finish(commandId)) {
            return false;
        }
        persist();
        ack(active.get().command(), CommandAck.Status.RESTORED, 0, reason, clock.instant());
        return true;
    }

    public synchronized void hold(HeldMiner miner) {
        ledger.hold(miner);
        persist();
    }

    public synchronized void markWoken(String endpoint, Instant at) {
        ledger.markWoken(endpoint, at);
        persist();
    }

    public synchronized void release(String endpoint) {
        ledger.release(endpoint);
        persist();
    }

    /** Draw the miners held asleep removed, in kW, by their draw when stopped. */
    public synchronized double heldReductionKw() {
        return ledger.held().stream().filter(HeldMiner::isAsleep).mapToDouble(h -> Math.max(0, h.runningW() - sleepW))
                .sum() / 1000.0;
    }

    private void ack(SiteCommand command, CommandAck.Status status, double shedKw, String reason, Instant at) {
        acks.publish(new CommandAck(command.commandId(), siteId, command.eventId(), status,
                Math.max(0, roundKw(shedKw)), reason, at));
    }

    private void persist() {
        stateFile.save(ledger.snapshot());
    }

    private static double roundKw(double kw) {
        return Math.round(kw * 1000.0) / 1000.0;
    }
}
