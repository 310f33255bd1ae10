package io.gridflex.siteagent.miner.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.InventoryEntry;
import io.gridflex.siteagent.miner.MinerDriver;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps the inventory up to date by scanning the configured address ranges: at start-up, every
 * {@code gridflex.site.scan.interval}, and for a scanned miner whose readings keep failing, sooner. A miner found
 * where there was none is added; one that another firmware's driver identifies gets that driver; one that no longer
 * identifies is kept, since the agent may hold it asleep, and reported gone. A unit found at another address (by the
 * hardware identity its firmware reports: {@link io.gridflex.siteagent.miner.HardwareId}) is moved there, and what the
 * agent holds of it moves with it ({@link ScheduleBook#relocate}): a miner the agent put to sleep is woken at its new
 * address when no schedule needs it. Every change is logged once, counted in
 * {@code gridflex.site.inventory.changes} and listed by {@link #changes()}.
 * <p>
 * Scans and rechecks run one at a time on the scanner's own thread (probes on virtual threads); they change the
 * inventory through {@link MinerDrivers#putScanned}, which the controller's thread reads without waiting.
 */
@ApplicationScoped
public class Discovery {

    private static final Logger LOG = Logger.getLogger(Discovery.class);
    /** How many changes {@link #changes()} keeps. */
    static final int RECENT_CHANGES = 200;

    private final SiteConfig.Scan config;
    private final MinerDrivers drivers;
    private final FleetView fleet;
    private final ScheduleBook book;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final List<AddressRange> ranges;
    private final RangeScanner scanner;
    private final FirmwareProbe probe;
    private final Set<MinerEndpoint> gone = ConcurrentHashMap.newKeySet();
    private final Set<MinerEndpoint> recheckedSinceAnswer = ConcurrentHashMap.newKeySet();
    /** Known endpoints where another unit answers, and which: reported once per unit. */
    private final Map<MinerEndpoint, String> replaced = new HashMap<>();
    private final Deque<InventoryChange> recent = new ArrayDeque<>();
    private volatile ScheduledExecutorService executor;

    public Discovery(SiteConfig site, MinerDrivers drivers, FleetView fleet, ScheduleBook book, AgentMetrics metrics,
            DriverSettings settings) {
        this.config = site.scan();
        this.drivers = drivers;
        this.fleet = fleet;
        this.book = book;
        this.metrics = metrics;
        this.clock = settings.clock();
        if (config.enabled()) {
            this.ranges = AddressRange.parseAll(config.ranges().filter(r -> !r.isEmpty()).orElseThrow(
                    () -> new IllegalArgumentException(
                            "gridflex.site.scan.enabled is true but gridflex.site.scan.ranges "
                                    + "names no address range")));
            ScanPlan plan = ScanPlan.fromConfig(config.firmwares().orElse(List.of()), config.ports());
            for (ScanPlan.Probe p : plan.probes()) {
                if (drivers.driverOf(p.firmware()).isEmpty()) {
                    throw new IllegalArgumentException("gridflex.site.scan.firmwares: no driver for "
                            + p.firmware().key());
                }
            }
            this.probe = new FirmwareProbe(plan, new TcpPortCheck(settings.timeoutMillis()),
                    (firmware, endpoint) -> drivers.driverOf(firmware).map(d -> d.identifies(endpoint))
                            .orElse(false),
                    (firmware, endpoint) -> drivers.driverOf(firmware).flatMap(d -> d.hardwareId(endpoint)));
            this.scanner = new RangeScanner(probe, config.concurrency());
        } else {
            this.ranges = List.of();
            this.probe = null;
            this.scanner = null;
        }
        metrics.inventory(() -> drivers.entries().size() - scannedCount(), this::scannedCount, gone::size);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Scans now and then every interval; rechecks failing scanned miners in between. Nothing when scanning is off. */
    public synchronized void start() {
        if (!config.enabled() || executor != null) {
            return;
        }
        LOG.infof("scanning %s for miners (%s) every %s", ranges, probe.plan().probes(), config.interval());
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("miner-discovery").daemon().factory());
        executor.scheduleWithFixedDelay(this::scanLogged, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
        long recheck = Math.max(1, config.recheckInterval().toMillis());
        executor.scheduleWithFixedDelay(this::recheckLogged, recheck, recheck, TimeUnit.MILLISECONDS);
    }

    private void scanLogged() {
        try {
            scanNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The static list alone is better than a controller that never acts.
            drivers.markComplete();
            LOG.errorf(e, "scanning %s failed; trying again in %s", ranges, config.interval());
        }
    }

    private void recheckLogged() {
        try {
            recheckFailing();
        } catch (RuntimeException e) {
            LOG.errorf(e, "re-identifying failing miners failed");
        }
    }

    /**
     * Scans every configured range once and applies what it found.
     *
     * @return the changes it made
     */
    public synchronized List<InventoryChange> scanNow() throws InterruptedException {
        requireEnabled();
        Instant started = clock.instant();
        long nanos = System.nanoTime();
        Set<String> staticHosts = new HashSet<>();
        Map<String, MinerEndpoint> known = new HashMap<>();
        for (InventoryEntry entry : drivers.entries()) {
            if (drivers.isStatic(entry.endpoint())) {
                staticHosts.add(entry.endpoint().host());
            } else {
                known.put(entry.endpoint().host(), entry.endpoint());
            }
        }
        RangeScanner.Result result = scanner.scan(ranges, known, staticHosts);
        List<InventoryChange> changes = apply(result.found(), result.probed());
        drivers.markComplete();
        Duration took = Duration.ofNanos(System.nanoTime() - nanos);
        metrics.scanDuration(took);
        LOG.infof("scanned %d addresses in %d ms (started %s): %d miners answer, %d changes", result.probed().size(),
                took.toMillis(), started, result.found().size(), changes.size());
        return changes;
    }

    /**
     * Identifies again every scanned miner whose readings failed {@code recheck-after-failures} times in a row, once
     * per such run of failures: a miner reflashed to another firmware stops answering its old driver long before the
     * next scan.
     *
     * @return the changes it made
     */
    public synchronized List<InventoryChange> recheckFailing() {
        requireEnabled();
        Map<String, MinerEndpoint> due = new HashMap<>();
        for (MinerStatus status : fleet.snapshot()) {
            MinerEndpoint miner = status.endpoint();
            if (status.reachable()) {
                recheckedSinceAnswer.remove(miner);
            } else if (!drivers.isStatic(miner) && !gone.contains(miner)
                    && status.failures() >= config.recheckAfterFailures() && recheckedSinceAnswer.add(miner)) {
                due.put(miner.host(), miner);
            }
        }
        if (due.isEmpty()) {
            return List.of();
        }
        Map<String, Detected> found = new HashMap<>();
        due.forEach((host, miner) -> probe.probe(host, Optional.of(miner)).ifPresent(d -> found.put(host, d)));
        return apply(found, due.keySet());
    }

    /** Applies what probing {@code probed} found; the caller holds this object's lock. */
    private List<InventoryChange> apply(Map<String, Detected> found, Set<String> probed) {
        ScanReconciliation scan = new ScanReconciliation(drivers, gone, replaced, this::change, found.values());
        found.values().forEach(scan::take);
        relocate(scan.moves(), scan.puts(), scan.removals());
        scan.noticeGone(probed, found);
        return scan.changes();
    }

    /**
     * Makes the inventory and the agent's holds follow moved units, in an order a crash at any point leaves safe: the
     * new endpoints are written first (old ones kept), then the holds move in one journal append, then the old
     * endpoints go. A restart after the first step finds the unit at both and moves it again.
     */
    private void relocate(Map<MinerEndpoint, Detected> moves, List<InventoryEntry> puts,
            Set<MinerEndpoint> removals) {
        drivers.putScanned(puts);
        if (moves.isEmpty()) {
            return;
        }
        Map<String, String> byText = new LinkedHashMap<>();
        moves.forEach((from, to) -> byText.put(from.toString(), to.endpoint().toString()));
        int carried = book.relocate(byText).size();
        // Before the old endpoints go: a crash before this finds them still there, and the next scan moves again.
        Map<MinerEndpoint, MinerEndpoint> endpoints = new LinkedHashMap<>();
        moves.forEach((from, to) -> endpoints.put(from, to.endpoint()));
        drivers.relocated(endpoints);
        drivers.removeScanned(removals);
        LOG.infof("%d miners found at another address; %d changes to what the agent holds of them", moves.size(),
                carried);
    }

    private InventoryChange change(InventoryChange.Kind kind, MinerEndpoint miner,
            Firmware before, Firmware after, String detail) {
        InventoryChange change = new InventoryChange(clock.instant(), kind, miner, before, after, detail);
        switch (kind) {
            case GONE -> LOG.warnf("miner %s (%s) is gone: %s", miner, before.key(), detail);
            case FIRMWARE_CHANGED -> LOG.warnf("miner %s changed firmware from %s to %s: %s", miner, before.key(),
                    after.key(), detail);
            case NEW -> LOG.infof("miner %s (%s) added: %s", miner, after.key(), detail);
            case MOVED, REPLACED -> LOG.warnf("miner %s (%s): %s", miner, after.key(), detail);
            case RETURNED -> LOG.infof("miner %s (%s) %s", miner, after.key(), detail);
        }
        metrics.inventoryChange(kind.tag());
        synchronized (recent) {
            recent.addLast(change);
            while (recent.size() > RECENT_CHANGES) {
                recent.removeFirst();
            }
        }
        return change;
    }

    /** The latest changes, oldest first. */
    public List<InventoryChange> changes() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** Whether the agent scans address ranges. */
    public boolean scanning() {
        return scanner != null;
    }

    /** The ranges it scans; none when scanning is off. */
    public List<AddressRange> ranges() {
        return ranges;
    }

    /** The scanned miners that no scan finds any more (still in the inventory). */
    public Set<MinerEndpoint> gone() {
        return Set.copyOf(gone);
    }

    /** The scanned miners, with their driver: for status pages and tests. */
    public Map<MinerEndpoint, MinerDriver> scanned() {
        Map<MinerEndpoint, MinerDriver> scanned = new LinkedHashMap<>();
        for (InventoryEntry entry : drivers.entries()) {
            if (!drivers.isStatic(entry.endpoint())) {
                scanned.put(entry.endpoint(), drivers.driver(entry.endpoint()));
            }
        }
        return scanned;
    }

    private long scannedCount() {
        return drivers.entries().stream().filter(e -> !drivers.isStatic(e.endpoint())).count();
    }

    private void requireEnabled() {
        if (scanner == null) {
            throw new IllegalStateException("scanning is off (gridflex.site.scan.enabled=false)");
        }
    }

    /** Stops scanning; not under this object's lock, which a running scan holds until it sees the interrupt. */
    @PreDestroy
    void stop() {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.shutdownNow();
        }
    }
}
