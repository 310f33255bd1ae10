package io.gridflex.siteagent.miner;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.SiteConfig;

/**
 * The agent's picture of its miners, refreshed by reading them all in parallel (one virtual thread each) so a miner
 * that does not answer delays nobody but itself, and for no longer than the client timeout.
 * <p>
 * It follows the inventory as scanning changes it: a miner added to {@link MinerDrivers} is tracked (status unknown,
 * then read) from the next call that looks at the fleet; one the inventory let go (a unit found at another address)
 * is dropped, and a reading of it still under way is discarded.
 */
@ApplicationScoped
public class FleetView {

    private static final Logger LOG = Logger.getLogger(FleetView.class);

    private final MinerDrivers drivers;
    private volatile boolean sampledOnce;
    private final Set<MinerEndpoint> refreshing = ConcurrentHashMap.newKeySet();
    private final double sleepW;
    private List<MinerEndpoint> endpoints;
    private long trackedGeneration;
    private final Map<MinerEndpoint, MinerStatus> statuses = new LinkedHashMap<>();
    private final ExecutorService readers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("miner-read-", 0).factory());

    public FleetView(SiteConfig config, MinerDrivers drivers) {
        this.drivers = drivers;
        this.sleepW = config.miner().sleepW();
        this.trackedGeneration = drivers.generation();
        this.endpoints = List.copyOf(drivers.endpoints());
        endpoints.forEach(e -> statuses.put(e, MinerStatus.unknown(e, drivers.nominalW(e))));
    }

    public synchronized List<MinerEndpoint> endpoints() {
        track();
        return endpoints;
    }

    /** Starts tracking the miners the inventory gained since last looked at; called with this view's lock held. */
    private void track() {
        long generation = drivers.generation();
        if (generation == trackedGeneration) {
            return;
        }
        List<MinerEndpoint> current = drivers.endpoints();
        statuses.keySet().retainAll(new HashSet<>(current));
        for (MinerEndpoint miner : current) {
            statuses.computeIfAbsent(miner, e -> MinerStatus.unknown(e, drivers.nominalW(e)));
        }
        endpoints = List.copyOf(statuses.keySet());
        trackedGeneration = generation;
    }

    /** Reads every miner now. */
    public List<MinerStatus> sampleAll() {
        boolean complete = drivers.complete();
        List<MinerStatus> all = read(endpoints()).values().stream().toList();
        if (complete) {
            sampledOnce = true;
        }
        return all;
    }

    /**
     * Whether every miner has been read (or failed to answer) at least once since the agent started; with scanning,
     * only once a read began after the first scan, so that the inventory held every miner.
     */
    public boolean sampledOnce() {
        return sampledOnce;
    }

    /** Reads the given miners now and returns their fresh status. */
    public Map<MinerEndpoint, MinerStatus> read(Collection<MinerEndpoint> miners) {
        Map<MinerEndpoint, Future<MinerReading>> readings = new LinkedHashMap<>();
        for (MinerEndpoint miner : miners) {
            readings.put(miner, readers.submit(() -> readOne(miner)));
        }
        Map<MinerEndpoint, MinerStatus> fresh = new LinkedHashMap<>();
        readings.forEach((miner, reading) -> fresh.put(miner, update(miner, reading)));
        return fresh;
    }

    /**
     * Reads one miner through its firmware's driver. A firmware that reports no power is taken to draw its nominal
     * draw while it hashes and a sleeping miner's draw otherwise: an estimate, and the reading says so.
     */
    private MinerReading readOne(MinerEndpoint miner) throws MinerException, InterruptedException {
        MinerTraffic traffic = drivers.traffic();
        traffic.beginRead();
        try {
            MinerReading reading = drivers.driver(miner).read(miner);
            return reading.estimated(reading.hashing() ? drivers.nominalW(miner) : sleepW);
        } finally {
            traffic.endRead();
        }
    }

    /**
     * Reads the given miners again soon, without waiting for them: for watching a few miners closely between the
     * meter's samples. A miner still being read is not asked twice, so a hung one costs one thread, not one per call.
     */
    public void refresh(Collection<MinerEndpoint> miners) {
        for (MinerEndpoint miner : miners) {
            if (refreshing.add(miner)) {
                try {
                    readers.execute(() -> {
                        try {
                            readAndUpdate(miner);
                        } finally {
                            refreshing.remove(miner);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    refreshing.remove(miner);
                }
            }
        }
    }

    /** The latest status of every miner, in configuration order. */
    public synchronized List<MinerStatus> snapshot() {
        track();
        return List.copyOf(statuses.values());
    }

    public synchronized MinerStatus status(MinerEndpoint miner) {
        track();
        return statuses.get(miner);
    }

    /** The site's draw at the latest readings, in W. */
    public double siteW() {
        return snapshot().stream().mapToDouble(MinerStatus::powerW).sum();
    }

    private MinerStatus update(MinerEndpoint miner, Future<MinerReading> reading) {
        try {
            return recorded(miner, reading.get());
        } catch (ExecutionException e) {
            return failed(miner, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return status(miner);
        }
    }

    private void readAndUpdate(MinerEndpoint miner) {
        try {
            recorded(miner, readOne(miner));
        } catch (MinerException | RuntimeException e) {
            failed(miner, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized MinerStatus recorded(MinerEndpoint miner, MinerReading reading) {
        track();
        MinerStatus before = statuses.get(miner);
        if (before == null) {
            // Let go while it was being read: what it said is not the inventory's any more.
            return MinerStatus.unknown(miner, 0).read(reading);
        }
        MinerStatus status = before.read(reading);
        statuses.put(miner, status);
        return status;
    }

    private MinerStatus failed(MinerEndpoint miner, String error) {
        MinerStatus status;
        synchronized (this) {
            track();
            MinerStatus before = statuses.get(miner);
            if (before == null) {
                return MinerStatus.unknown(miner, 0).failed(error);
            }
            status = before.failed(error);
            statuses.put(miner, status);
        }
        if (status.failures() == 1) {
            LOG.warnf("miner %s stopped answering: %s", miner, error);
        }
        return status;
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }
}
