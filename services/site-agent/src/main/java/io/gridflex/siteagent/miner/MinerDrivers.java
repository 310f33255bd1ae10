package io.gridflex.siteagent.miner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.AtomicFile;
import io.gridflex.siteagent.SiteConfig;
import io.quarkus.arc.All;

/**
 * The site's inventory and the driver that speaks to each of its miners. Every firmware the agent supports has one
 * driver bean; a miner is driven by the driver of the firmware its inventory entry names.
 * <p>
 * The inventory is the static list ({@code gridflex.site.miners}) plus what scanning finds
 * ({@link io.gridflex.siteagent.miner.discovery.Discovery}). A scanned miner's entry may be replaced when it changes
 * firmware, and is let go only when its unit is found at another address; a static entry never changes. Readers (the controller, the fleet view, many virtual
 * threads) see an immutable snapshot through one volatile field and never wait; the scanner's writes are serialised
 * and publish a new snapshot and a new {@link #generation()}.
 */
@ApplicationScoped
public class MinerDrivers {

    private static final Logger LOG = Logger.getLogger(MinerDrivers.class);

    private final Map<Firmware, MinerDriver> byFirmware = new EnumMap<>(Firmware.class);
    private final Set<MinerEndpoint> staticEndpoints;
    private final double defaultNominalW;
    private volatile Map<MinerEndpoint, InventoryEntry> inventory;
    private volatile long generation;
    private volatile boolean complete;
    private final Path scannedFile;
    private final MinerTraffic traffic;

    public MinerDrivers(SiteConfig config, @All List<MinerDriver> drivers) {
        for (MinerDriver driver : drivers) {
            if (byFirmware.put(driver.firmware(), driver) != null) {
                throw new IllegalStateException("two drivers for " + driver.firmware());
            }
        }
        Map<MinerEndpoint, InventoryEntry> entries = new LinkedHashMap<>();
        for (String text : config.miners().orElse(List.of())) {
            InventoryEntry entry = InventoryEntry.parse(text);
            if (entries.put(entry.endpoint(), entry) != null) {
                throw new IllegalArgumentException("gridflex.site.miners lists " + entry.endpoint() + " twice");
            }
            if (!byFirmware.containsKey(entry.firmware())) {
                throw new IllegalArgumentException("gridflex.site.miners: no driver for " + entry.firmware().key()
                        + " (miner " + entry.endpoint() + ")");
            }
        }
        if (entries.isEmpty() && !config.scan().enabled()) {
            throw new IllegalArgumentException(
                    "gridflex.site.miners is empty and gridflex.site.scan.enabled is false: the agent has nothing to drive");
        }
        this.staticEndpoints = Set.copyOf(entries.keySet());
        this.scannedFile = config.stateFile().toAbsolutePath()
                .resolveSibling(config.stateFile().getFileName() + ".scanned");
        if (config.scan().enabled()) {
            // Miners found by earlier scans: one held asleep must stay known even if it does not answer the next scan.
            restoreScanned(entries);
        }
        this.inventory = Collections.unmodifiableMap(entries);
        this.defaultNominalW = config.miner().nominalW();
        this.traffic = new MinerTraffic(config.miner().readConcurrency(), config.miner().readYield(),
                config.miner().readQuietAhead());
        this.complete = !config.scan().enabled();
    }

    /**
     * Whether the inventory holds every miner the agent can know of yet: at once with the static list alone, after
     * the first scan with scanning. Until then a miner the state file holds asleep may be missing from it, and acting
     * on the schedule could forget it.
     */
    public boolean complete() {
        return complete;
    }

    /** Called once the first scan is done (or has failed, leaving the static list). */
    public void markComplete() {
        complete = true;
    }

    /** The miners, in inventory order: the static list, then scanned miners in the order they were found. */
    public List<MinerEndpoint> endpoints() {
        return new ArrayList<>(inventory.keySet());
    }

    /** Every entry, in inventory order. */
    public List<InventoryEntry> entries() {
        return new ArrayList<>(inventory.values());
    }

    public InventoryEntry entry(MinerEndpoint miner) {
        InventoryEntry entry = inventory.get(miner);
        if (entry == null) {
            throw new IllegalArgumentException("no miner " + miner + " in the inventory");
        }
        return entry;
    }

    public Optional<InventoryEntry> find(MinerEndpoint miner) {
        return Optional.ofNullable(inventory.get(miner));
    }

    /** Who goes first when commands and readings meet: shared by everything that talks to the miners. */
    public MinerTraffic traffic() {
        return traffic;
    }

    public MinerDriver driver(MinerEndpoint miner) {
        return byFirmware.get(entry(miner).firmware());
    }

    /** Tells every driver that units now answer at other endpoints (old → new): see {@link MinerDriver#relocated}. */
    public void relocated(Map<MinerEndpoint, MinerEndpoint> moves) {
        byFirmware.values().stream().distinct().forEach(driver -> driver.relocated(moves));
    }

    /** The driver of a firmware, if the agent has one. */
    public Optional<MinerDriver> driverOf(Firmware firmware) {
        return Optional.ofNullable(byFirmware.get(firmware));
    }

    /** The draw to assume for a hashing miner whose firmware reports none. */
    public double nominalW(MinerEndpoint miner) {
        return entry(miner).nominalW().orElse(defaultNominalW);
    }

    /** Whether the miner is named by {@code gridflex.site.miners}: its entry is fixed, whatever a scan finds. */
    public boolean isStatic(MinerEndpoint miner) {
        return staticEndpoints.contains(miner);
    }

    /** Changes each time the inventory does: a cheap way for its readers to notice. */
    public long generation() {
        return generation;
    }

    /**
     * Adds a scanned miner, or gives a scanned miner its new firmware or hardware identity. A static entry is never
     * replaced.
     *
     * @return the entry it replaced, if any
     */
    public Optional<InventoryEntry> putScanned(InventoryEntry entry) {
        Optional<InventoryEntry> previous = find(entry.endpoint());
        putScanned(List.of(entry));
        return previous;
    }

    /** {@link #putScanned(InventoryEntry)} for several entries: one write of the scanned inventory. */
    public synchronized void putScanned(Collection<InventoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<MinerEndpoint, InventoryEntry> next = new LinkedHashMap<>(inventory);
        for (InventoryEntry entry : entries) {
            if (isStatic(entry.endpoint())) {
                throw new IllegalArgumentException(
                        entry.endpoint() + " is in gridflex.site.miners: a scan never changes it");
            }
            if (!byFirmware.containsKey(entry.firmware())) {
                throw new IllegalArgumentException("no driver for " + entry.firmware().key());
            }
            next.put(entry.endpoint(), entry);
        }
        publish(next);
    }

    /**
     * Lets scanned miners go: units found at another address, whose old endpoint no longer names them. The agent must
     * hold nothing of them any more ({@code ScheduleBook#relocate} first).
     */
    public synchronized void removeScanned(Collection<MinerEndpoint> miners) {
        Map<MinerEndpoint, InventoryEntry> next = new LinkedHashMap<>(inventory);
        boolean changed = false;
        for (MinerEndpoint miner : miners) {
            if (isStatic(miner)) {
                throw new IllegalArgumentException(miner + " is in gridflex.site.miners: a scan never removes it");
            }
            changed |= next.remove(miner) != null;
        }
        if (changed) {
            publish(next);
        }
    }

    private void publish(Map<MinerEndpoint, InventoryEntry> next) {
        // On disk first: a restarted agent knows every miner it may have put to sleep.
        AtomicFile.write(scannedFile, next.values().stream().filter(e -> !isStatic(e.endpoint()))
                .map(e -> e.text() + "\n").collect(Collectors.joining()));
        inventory = Collections.unmodifiableMap(next);
        generation++;
    }

    private void restoreScanned(Map<MinerEndpoint, InventoryEntry> entries) {
        if (!Files.exists(scannedFile)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(scannedFile, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    InventoryEntry entry = InventoryEntry.parse(line);
                    if (byFirmware.containsKey(entry.firmware())) {
                        entries.putIfAbsent(entry.endpoint(), entry);
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warnf("%s: skipped an unreadable line: %s", scannedFile, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.errorf("cannot read the scanned inventory %s: %s; scanning starts afresh", scannedFile,
                    e.getMessage());
        }
    }

    /** Builds the drivers' shared settings from the site's configuration. */
    @Singleton
    static class SettingsProducer {

        @Produces
        @Singleton
        DriverSettings driverSettings(SiteConfig config, Clock clock) {
            Optional<Path> file = config.miner().credentialsFile();
            return new DriverSettings(config.miner().timeout(), clock,
                    file.map(MinerCredentials::load).orElseGet(MinerCredentials::none),
                    Optional.of(config.stateFile()));
        }
    }
}
