package io.gridflex.siteagent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.gridflex.messages.SiteSchedule;

/**
 * The agent's schedule state machine: which schedule it executes, how far it got with the segment in force and with
 * restoring the ones before, and which miners it holds asleep. Pure and not thread-safe; {@link ScheduleBook}
 * serialises access and persists every change.
 * <p>
 * Rules for a received schedule, in order: another site's is ignored; a revision not newer than the last one decided
 * on is ignored (equal: a duplicate, lower: out of order), so no revision is executed or acknowledged twice; one that
 * fails {@link ScheduleValidation} is rejected and the held schedule stays; anything else replaces the held schedule.
 * Accepting a schedule changes nothing else: the controller compares the segment now in force with the progress and
 * so leaves an unchanged present alone.
 */
public final class ScheduleLedger {

    private final String siteId;
    private final Duration clockSkew;
    private SiteSchedule schedule;
    private Instant acceptedAt;
    private long lastRevision;
    /** By endpoint, in the order they were held: one lookup per change, whatever the fleet's size. */
    private final Map<String, HeldMiner> held = new LinkedHashMap<>();
    private final Map<String, PendingSleep> pending = new LinkedHashMap<>();
    private SegmentProgress present;
    private final List<SegmentProgress> restoring = new ArrayList<>();

    public ScheduleLedger(String siteId, Duration clockSkew) {
        this.siteId = siteId;
        this.clockSkew = clockSkew;
    }

    /** A ledger that carries on from a persisted state. */
    public static ScheduleLedger restore(String siteId, Duration clockSkew, AgentState state) {
        ScheduleLedger ledger = new ScheduleLedger(siteId, clockSkew);
        ledger.schedule = state.schedule();
        ledger.acceptedAt = state.acceptedAt();
        ledger.lastRevision = state.lastRevision();
        state.held().forEach(h -> ledger.held.put(h.endpoint(), h));
        ledger.present = state.present();
        ledger.restoring.addAll(state.restoring());
        state.pending().forEach(p -> ledger.pending.put(p.endpoint(), p));
        return ledger;
    }

    public Decision offer(SiteSchedule offered, Instant now) {
        if (!siteId.equals(offered.siteId())) {
            return new Decision.Ignored(offered, Decision.Why.FOREIGN_SITE,
                    "revision " + offered.revision() + " is for site " + offered.siteId());
        }
        if (offered.revision() == lastRevision) {
            return new Decision.Ignored(offered, Decision.Why.DUPLICATE,
                    "revision " + offered.revision() + " was already received");
        }
        if (offered.revision() < lastRevision) {
            return new Decision.Ignored(offered, Decision.Why.STALE_REVISION,
                    "revision " + offered.revision() + " is older than revision " + lastRevision);
        }
        lastRevision = offered.revision();
        Optional<String> problem = ScheduleValidation.problem(offered, now, clockSkew);
        if (problem.isPresent()) {
            return new Decision.Rejected(offered, problem.get());
        }
        long replaced = schedule == null ? 0 : schedule.revision();
        schedule = offered;
        acceptedAt = now;
        return new Decision.Accepted(offered, replaced);
    }

    public Optional<SiteSchedule> schedule() {
        return Optional.ofNullable(schedule);
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public List<HeldMiner> held() {
        return List.copyOf(held.values());
    }

    public List<PendingSleep> pending() {
        return List.copyOf(pending.values());
    }

    public Optional<SegmentProgress> present() {
        return Optional.ofNullable(present);
    }

    public List<SegmentProgress> restoring() {
        return List.copyOf(restoring);
    }

    /** Makes {@code next} (null: none) the segment being executed; progress on the previous one is dropped. */
    public void moveTo(SegmentProgress next) {
        present = next;
    }

    /** Opens the restore of a segment that ended or was lowered. */
    public void openRestore(SegmentProgress segment) {
        restoring.add(segment);
    }

    /** Closes every open restore and returns them, oldest first. */
    public List<SegmentProgress> closeRestores() {
        List<SegmentProgress> closed = List.copyOf(restoring);
        restoring.clear();
        return closed;
    }

    /**
     * Marks the present segment acknowledged; false (nothing changes) when {@code segment} is no longer the present
     * one, or was already acknowledged.
     */
    public boolean markShed(SegmentProgress segment, double targetKw) {
        if (present == null || present.shed() || !present.sameTarget(segment)) {
            return false;
        }
        present = present.acknowledged(targetKw);
        return true;
    }

    /**
     * Applies one change to the miners the agent is responsible for. Each change sets or removes one miner's entry,
     * so applying a change twice, or a journal onto a state that already has it, leaves the same state.
     */
    public void apply(HoldRecord change) {
        String endpoint = change.endpoint();
        switch (change.op()) {
            case INTEND -> {
                // Removed first, so that a miner intended again goes last, as a newly appended one.
                pending.remove(endpoint);
                pending.put(endpoint, new PendingSleep(endpoint, change.runningW(), change.at(), change.targetW()));
            }
            case HOLD -> {
                pending.remove(endpoint);
                held.remove(endpoint);
                held.put(endpoint, new HeldMiner(endpoint, change.runningW(), change.at(), null, change.targetW()));
            }
            case DROP -> pending.remove(endpoint);
            // Records that a held miner was told to wake up; it stays held until RELEASE confirms it back.
            case WAKE -> held.computeIfPresent(endpoint, (e, h) -> h.wokenAt(change.at()));
            case RELEASE -> held.remove(endpoint);
        }
    }

    /**
     * The changes that carry what the agent holds or intends of each miner in {@code moves} (its old endpoint to its
     * new one: the same unit, found at another address) to its new endpoint. The moves are taken together, so units
     * that swapped addresses swap their entries. An old endpoint keeps nothing; a new endpoint gets the entries of the
     * unit that moved there, and keeps its own where that unit had none and it is not itself an old endpoint (so a
     * relocation made again after a crash changes nothing). Additions come before removals: a journal cut short
     * between them holds a unit twice, never not at all.
     */
    public List<HoldRecord> relocation(Map<String, String> moves) {
        Set<String> touched = new LinkedHashSet<>(moves.keySet());
        touched.addAll(moves.values());
        Map<String, HeldMiner> heldAfter = new HashMap<>();
        Map<String, PendingSleep> pendingAfter = new HashMap<>();
        for (String endpoint : touched) {
            boolean source = moves.containsKey(endpoint);
            heldAfter.put(endpoint, source ? null : held.get(endpoint));
            pendingAfter.put(endpoint, source ? null : pending.get(endpoint));
        }
        moves.forEach((from, to) -> {
            HeldMiner h = held.get(from);
            if (h != null) {
                heldAfter.put(to, new HeldMiner(to, h.runningW(), h.heldSince(), h.wokenAt(), h.targetW()));
            }
            PendingSleep p = pending.get(from);
            if (p != null) {
                pendingAfter.put(to, new PendingSleep(to, p.runningW(), p.at(), p.targetW()));
            }
        });
        List<HoldRecord> additions = new ArrayList<>();
        List<HoldRecord> removals = new ArrayList<>();
        for (String endpoint : touched) {
            HeldMiner h = heldAfter.get(endpoint);
            PendingSleep p = pendingAfter.get(endpoint);
            boolean heldChanges = !Objects.equals(h, held.get(endpoint));
            if (heldChanges && h != null) {
                additions.add(HoldRecord.hold(h));
                if (h.wokenAt() != null) {
                    additions.add(HoldRecord.wake(endpoint, h.wokenAt()));
                }
            } else if (heldChanges) {
                removals.add(HoldRecord.release(endpoint));
            }
            // A hold clears the endpoint's intent, so an intent that stays is recorded again after it.
            if (p != null && (heldChanges && h != null || !p.equals(pending.get(endpoint)))) {
                additions.add(HoldRecord.intend(p));
            } else if (p == null && pending.containsKey(endpoint)) {
                removals.add(HoldRecord.drop(endpoint));
            }
        }
        additions.addAll(removals);
        return additions;
    }

    public void hold(HeldMiner miner) {
        apply(HoldRecord.hold(miner));
    }

    public void markWoken(String endpoint, Instant at) {
        apply(HoldRecord.wake(endpoint, at));
    }

    public void release(String endpoint) {
        apply(HoldRecord.release(endpoint));
    }

    public AgentState snapshot() {
        return new AgentState(schedule, acceptedAt, lastRevision, List.copyOf(held.values()), present, restoring,
                List.copyOf(pending.values()));
    }
}
