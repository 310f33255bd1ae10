package io.gridflex.siteagent.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;

/**
 * The agent's single source of truth about its schedule, its progress and the miners it holds, shared by the Kafka
 * consumer, the controller, the meter and the status endpoint. Every change is persisted before the lock is released,
 * and the acks that report a change are handed to the producer under the same lock, after the state file has it: an
 * ack never announces something a restarted agent would not know, and acks go out in the order the changes happened.
 */
@ApplicationScoped
public class ScheduleBook {

    private static final Logger LOG = Logger.getLogger(ScheduleBook.class);
    /** The ack schema allows 1024 characters of reason. */
    private static final int MAX_REASON = 1000;
    /** Journal changes after which the state file is rewritten, so that the journal stays short. */
    private static final int COMPACT_AFTER = 20_000;

    /** What the controller needs to know, taken consistently. */
    public record View(SiteSchedule schedule, Instant acceptedAt, SegmentProgress present,
            List<SegmentProgress> restoring, List<HeldMiner> held, List<PendingSleep> pending) {

        /** The segment in force at {@code at}, if any. */
        public Optional<ScheduleSegment> segmentAt(Instant at) {
            return schedule == null ? Optional.empty() : schedule.segmentAt(at);
        }

        /** The held revision, or null before the first schedule. */
        public Long revision() {
            return schedule == null ? null : schedule.revision();
        }

        public List<HeldMiner> asleep() {
            return held.stream().filter(HeldMiner::isAsleep).toList();
        }
    }

    private final String siteId;
    private final double sleepW;
    private final Clock clock;
    private final AckPublisher acks;
    private final StateFile stateFile;
    private final HoldJournal holdJournal;
    private final ScheduleLedger ledger;

    public ScheduleBook(SiteConfig config, Clock clock, AckPublisher acks, AgentMetrics metrics) {
        this.siteId = config.id();
        this.sleepW = config.miner().sleepW();
        this.clock = clock;
        this.acks = acks;
        this.stateFile = new StateFile(config.stateFile());
        this.holdJournal = new HoldJournal(holdJournalPath(stateFile.path()));
        AgentState state = stateFile.load();
        this.ledger = ScheduleLedger.restore(siteId, config.scheduleClockSkew(), state);
        List<HoldRecord> changes = holdJournal.read();
        changes.forEach(ledger::apply);
        if (!changes.isEmpty()) {
            state = ledger.snapshot();
            persist();
        }
        metrics.scheduleRevision(this::revisionOrZero);
        if (state.schedule() != null) {
            LOG.infof("resuming revision %d (%d segments, until %s) with %d miners held%s",
                    state.schedule().revision(), state.schedule().segments().size(), state.schedule().end(),
                    state.held().size() + state.pending().size(), state.present() == null
                            ? ""
                            : ", executing the segment from " + state.present().start());
        }
    }

    /** Decides on a received schedule, persists the outcome and acknowledges it (unless it is ignored). */
    public synchronized Decision offer(SiteSchedule schedule) {
        Instant now = clock.instant();
        Decision decision = ledger.offer(schedule, now);
        switch (decision) {
            case Decision.Accepted accepted -> {
                persist();
                String reason = (accepted.replacedRevision() == 0
                        ? ""
                        : "replaces revision "
                                + accepted.replacedRevision() + "; ")
                        + schedule.segments().size() + " segments until "
                        + schedule.end();
                acks.publish(scheduleAck(schedule.revision(), ScheduleAck.Status.ACCEPTED, reason, now));
            }
            case Decision.Rejected rejected -> {
                persist();
                acks.publish(scheduleAck(schedule.revision(), ScheduleAck.Status.REJECTED, rejected.reason(), now));
            }
            case Decision.Ignored ignored -> {
                // Nothing changed: nothing to persist or acknowledge.
            }
        }
        return decision;
    }

    public synchronized View view() {
        return new View(ledger.schedule().orElse(null), ledger.acceptedAt(), ledger.present().orElse(null),
                ledger.restoring(), ledger.held(), ledger.pending());
    }

    /**
     * Makes {@code next} (null: none) the segment being executed. When {@code restoreFrom} is given, the load it had
     * taken off beyond what the site now needs comes back: RESTORING is acknowledged for it.
     */
    public synchronized void moveTo(SegmentProgress next, SegmentProgress restoreFrom, String reason) {
        ledger.moveTo(next);
        if (restoreFrom != null) {
            ledger.openRestore(restoreFrom);
        }
        persist();
        if (restoreFrom != null) {
            acks.publish(segmentAck(restoreFrom, ScheduleAck.Status.RESTORING, heldReductionKw(),
                    restoreFrom.targetKw(), reason));
        }
    }

    /** Records the present segment as a newer revision has it (same target); nothing is executed or acknowledged. */
    public synchronized void refresh(SegmentProgress present) {
        if (ledger.present().filter(p -> p.sameTarget(present)).isPresent()) {
            ledger.moveTo(present);
            persist();
        }
    }

    /**
     * Acknowledges the present segment's reduction; does nothing when it is no longer the present one or was already
     * acknowledged.
     */
    public synchronized boolean shed(SegmentProgress segment, double shedKw, double targetKw, String reason) {
        if (!ledger.markShed(segment, roundKw(targetKw))) {
            return false;
        }
        persist();
        SegmentProgress acknowledged = ledger.present().orElseThrow();
        acks.publish(segmentAck(acknowledged, ScheduleAck.Status.SHED, shedKw, acknowledged.targetKw(), reason));
        return true;
    }

    /** Acknowledges every open restore RESTORED and closes it; returns how many there were. */
    public synchronized int restored(String reason) {
        List<SegmentProgress> closed = ledger.closeRestores();
        if (closed.isEmpty()) {
            return 0;
        }
        persist();
        double heldKw = heldReductionKw();
        for (SegmentProgress segment : closed) {
            acks.publish(segmentAck(segment, ScheduleAck.Status.RESTORED, heldKw, segment.targetKw(), reason));
        }
        return closed.size();
    }

    /**
     * Records changes to the miners the agent is responsible for: on disk (one append and sync for the whole batch)
     * before they take effect here, so that whatever the agent then does to a miner, a restarted agent knows.
     */
    public synchronized void change(List<HoldRecord> changes) {
        if (changes.isEmpty()) {
            return;
        }
        holdJournal.append(changes);
        changes.forEach(ledger::apply);
        if (holdJournal.records() >= COMPACT_AFTER) {
            persist();
        }
    }

    /**
     * Carries what the agent holds or intends of each moved miner (old endpoint to new) to its new endpoint, in one
     * journal append ({@link ScheduleLedger#relocation}).
     *
     * @return the changes made; none when the moved miners had nothing held or intended
     */
    public synchronized List<HoldRecord> relocate(Map<String, String> moves) {
        List<HoldRecord> changes = ledger.relocation(moves);
        change(changes);
        return changes;
    }

    /** Records, before the commands are sent, that these miners are about to be told to sleep. */
    public void intendSleep(List<PendingSleep> miners) {
        change(miners.stream().map(HoldRecord::intend).toList());
    }

    /**
     * Prepares for recording these intents soon (ahead of a segment's start) without recording anything: the journal
     * encodes them once, so that at the start its code is compiled and the first commands leave sooner.
     */
    public void rehearseIntents(List<PendingSleep> miners) {
        holdJournal.rehearse(miners.stream().map(HoldRecord::intend).toList());
    }

    public void hold(HeldMiner miner) {
        change(List.of(HoldRecord.hold(miner)));
    }

    public void markWoken(String endpoint, Instant at) {
        change(List.of(HoldRecord.wake(endpoint, at)));
    }

    public void release(String endpoint) {
        change(List.of(HoldRecord.release(endpoint)));
    }

    /** Draw the miners held asleep removed, in kW, by their draw when stopped. */
    public synchronized double heldReductionKw() {
        return HeldMiner.reductionW(ledger.held(), sleepW) / 1000.0;
    }

    private long revisionOrZero() {
        synchronized (this) {
            return ledger.schedule().map(SiteSchedule::revision).orElse(0L);
        }
    }

    private ScheduleAck scheduleAck(long revision, ScheduleAck.Status status, String reason, Instant at) {
        return new ScheduleAck(siteId, revision, null, null, status, roundKw(heldReductionKw()), 0, List.of(),
                truncate(reason), at);
    }

    private ScheduleAck segmentAck(SegmentProgress segment, ScheduleAck.Status status, double shedKw,
            double targetKw, String reason) {
        return new ScheduleAck(siteId, segment.revision(), segment.start(), segment.end(), status, roundKw(shedKw),
                roundKw(targetKw), segment.eventIds(), truncate(reason), clock.instant());
    }

    /** The hold journal beside a state file: {@code site-agent-state.json} → {@code site-agent-state.holds}. */
    static Path holdJournalPath(Path stateFile) {
        String name = stateFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return stateFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".holds");
    }

    /** Writes the whole state, which then holds every change of the hold journal, and empties the journal. */
    private void persist() {
        stateFile.save(ledger.snapshot());
        holdJournal.clear();
    }

    private static double roundKw(double kw) {
        return Math.max(0, Math.round(kw * 1000.0) / 1000.0);
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
    }
}
