package io.gridflex.siteagent.miner.discovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.InventoryEntry;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.miner.MinerEndpoint;

/**
 * What one scan's findings change in the scanned inventory, worked out against the inventory as it is: units that
 * moved (by their hardware identity), new miners, miners that answer again, changed firmware, another unit at a known
 * address, and miners gone from hosts that were probed. It collects the entries to write ({@link #puts()}), the
 * endpoints to let go once the holds moved ({@link #removals()}) and the moves ({@link #moves()}); {@link Discovery}
 * applies them in a crash-safe order. It updates Discovery's own record of gone and replaced endpoints as it goes and
 * reports each change through {@code report}. Used once, under Discovery's lock.
 */
final class ScanReconciliation {

    /** Records one change (logged, counted, listed) and returns it. */
    @FunctionalInterface
    interface Report {

        InventoryChange change(InventoryChange.Kind kind, MinerEndpoint miner, Firmware before, Firmware after,
                String detail);
    }

    private static final Logger LOG = Logger.getLogger(ScanReconciliation.class);

    private final MinerDrivers drivers;
    private final Set<MinerEndpoint> gone;
    private final Map<MinerEndpoint, String> replaced;
    private final Report report;
    private final Map<String, List<MinerEndpoint>> scannedByHost = new HashMap<>();
    private final Map<MinerEndpoint, Detected> moves;
    private final Map<MinerEndpoint, MinerEndpoint> movedTo = new LinkedHashMap<>();
    private final List<InventoryChange> changes = new ArrayList<>();
    private final List<InventoryEntry> puts = new ArrayList<>();
    private final Set<MinerEndpoint> removals;

    ScanReconciliation(MinerDrivers drivers, Set<MinerEndpoint> gone, Map<MinerEndpoint, String> replaced,
            Report report, Collection<Detected> found) {
        this.drivers = drivers;
        this.gone = gone;
        this.replaced = replaced;
        this.report = report;
        for (InventoryEntry entry : drivers.entries()) {
            if (!drivers.isStatic(entry.endpoint())) {
                scannedByHost.computeIfAbsent(entry.endpoint().host(), h -> new ArrayList<>())
                        .add(entry.endpoint());
            }
        }
        this.moves = moves(found);
        moves.forEach((from, to) -> movedTo.put(to.endpoint(), from));
        this.removals = new LinkedHashSet<>(moves.keySet());
    }

    /** Takes in what answers at one probed address. */
    void take(Detected detected) {
        MinerEndpoint endpoint = detected.endpoint();
        if (drivers.isStatic(endpoint)) {
            return;
        }
        MinerEndpoint from = movedTo.get(endpoint);
        Optional<InventoryEntry> before = drivers.find(endpoint);
        if (from != null) {
            moved(detected, from);
        } else if (before.isEmpty() || moves.containsKey(endpoint)) {
            appeared(detected, before);
        } else {
            known(detected, before.get());
        }
    }

    /** Reports the scanned miners of the probed hosts that nothing identifies where they were. */
    void noticeGone(Set<String> probed, Map<String, Detected> found) {
        for (String host : probed) {
            Detected detected = found.get(host);
            for (MinerEndpoint miner : scannedByHost.getOrDefault(host, List.of())) {
                if (moves.containsKey(miner) || movedTo.containsKey(miner)) {
                    continue;
                }
                if ((detected == null || !detected.endpoint().equals(miner)) && gone.add(miner)) {
                    changes.add(report.change(InventoryChange.Kind.GONE, miner, drivers.entry(miner).firmware(), null,
                            detected == null
                                    ? "nothing identifies at its address; kept in the inventory"
                                    : "its host now answers as " + detected.firmware().key() + " at "
                                            + detected.endpoint() + "; kept in the inventory"));
                }
            }
        }
    }

    /** Units found at another endpoint than their entry's: old endpoint to where each answers now. */
    Map<MinerEndpoint, Detected> moves() {
        return moves;
    }

    /** The entries to write: new, changed, and moved units at their new endpoints. */
    List<InventoryEntry> puts() {
        return puts;
    }

    /** The endpoints to let go once the holds followed their units. */
    Set<MinerEndpoint> removals() {
        return removals;
    }

    List<InventoryChange> changes() {
        return changes;
    }

    private void moved(Detected detected, MinerEndpoint from) {
        MinerEndpoint endpoint = detected.endpoint();
        replaced.remove(endpoint);
        InventoryEntry before = drivers.entry(from);
        puts.add(before.at(endpoint, detected.firmware()));
        gone.remove(from);
        gone.remove(endpoint);
        changes.add(report.change(InventoryChange.Kind.MOVED, endpoint, before.firmware(), detected.firmware(),
                "the unit " + before.hardwareId().orElseThrow() + " was at " + from
                        + "; what the agent holds of it follows it"));
    }

    /** A miner where the inventory has none, or where the unit it had moved away. */
    private void appeared(Detected detected, Optional<InventoryEntry> before) {
        MinerEndpoint endpoint = detected.endpoint();
        puts.add(new InventoryEntry(detected.firmware(), endpoint, OptionalDouble.empty(), detected.hardwareId()));
        removals.remove(endpoint);
        gone.remove(endpoint);
        replaced.remove(endpoint);
        changes.add(report.change(InventoryChange.Kind.NEW, endpoint, null, detected.firmware(), before.isEmpty()
                ? "found by scanning" + elsewhereOnHost(endpoint)
                : "another unit answers where " + before.get().hardwareId().orElseThrow() + " was"));
    }

    /** A miner at an endpoint the inventory knows: back, another firmware, its MAC learnt, or another unit. */
    private void known(Detected detected, InventoryEntry before) {
        MinerEndpoint endpoint = detected.endpoint();
        if (gone.remove(endpoint)) {
            changes.add(report.change(InventoryChange.Kind.RETURNED, endpoint, before.firmware(), detected.firmware(),
                    "answers again"));
        }
        InventoryEntry entry = before;
        if (entry.firmware() != detected.firmware()) {
            entry = new InventoryEntry(detected.firmware(), endpoint, entry.nominalW(), entry.hardwareId());
            changes.add(report.change(InventoryChange.Kind.FIRMWARE_CHANGED, endpoint, before.firmware(),
                    detected.firmware(), "now driven by the " + detected.firmware().key() + " driver"));
        }
        if (detected.hardwareId().isPresent() && entry.hardwareId().isEmpty()) {
            entry = entry.withHardwareId(detected.hardwareId());
        } else if (detected.hardwareId().isPresent() && !detected.hardwareId().equals(entry.hardwareId())) {
            // The entry keeps the unit it had, so that the scan that finds that unit moves its holds there.
            if (!detected.hardwareId().get().equals(replaced.put(endpoint, detected.hardwareId().get()))) {
                changes.add(report.change(InventoryChange.Kind.REPLACED, endpoint, entry.firmware(),
                        detected.firmware(), "the unit " + detected.hardwareId().get() + " answers where "
                                + entry.hardwareId().get() + " was, and that unit is found nowhere yet; what the "
                                + "agent holds here stays with the address until it is"));
            }
        } else {
            replaced.remove(endpoint);
        }
        if (!entry.equals(before)) {
            puts.add(entry);
        }
    }

    /**
     * The scanned miners found at another endpoint than the inventory's, by their hardware identity. A unit that
     * answers at two endpoints at once is not moved, and said so.
     */
    private Map<MinerEndpoint, Detected> moves(Collection<Detected> found) {
        Map<String, Detected> byId = new HashMap<>();
        Set<String> twice = new HashSet<>();
        for (Detected detected : found) {
            if (detected.hardwareId().isPresent() && !drivers.isStatic(detected.endpoint())
                    && byId.putIfAbsent(detected.hardwareId().get(), detected) != null) {
                twice.add(detected.hardwareId().get());
            }
        }
        for (String id : twice) {
            byId.remove(id);
            LOG.warnf("the unit %s answers at more than one address; it is not followed to either", id);
        }
        Map<MinerEndpoint, Detected> moved = new LinkedHashMap<>();
        for (InventoryEntry entry : drivers.entries()) {
            if (drivers.isStatic(entry.endpoint()) || entry.hardwareId().isEmpty()) {
                continue;
            }
            Detected now = byId.get(entry.hardwareId().get());
            if (now != null && !now.endpoint().equals(entry.endpoint())) {
                moved.put(entry.endpoint(), now);
            }
        }
        return moved;
    }

    private String elsewhereOnHost(MinerEndpoint endpoint) {
        List<MinerEndpoint> others = scannedByHost.getOrDefault(endpoint.host(), List.of());
        return others.isEmpty() ? "" : " on the host of " + others + ", which no longer answers there";
    }
}
