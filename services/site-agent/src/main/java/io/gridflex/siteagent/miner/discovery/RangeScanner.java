package io.gridflex.siteagent.miner.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.gridflex.siteagent.miner.MinerEndpoint;

/**
 * Probes every address of some ranges with a bounded number of virtual threads, each taking the next address until
 * none is left: a few thousand addresses cost {@code concurrency} threads, not one each, and every probe is bounded
 * by the drivers' timeout.
 */
public final class RangeScanner {

    /**
     * What a scan found.
     *
     * @param found what answers, by host
     * @param probed the hosts probed (every address of the ranges but the skipped ones)
     */
    public record Result(Map<String, Detected> found, Set<String> probed) {
    }

    private final FirmwareProbe probe;
    private final int concurrency;

    public RangeScanner(FirmwareProbe probe, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("gridflex.site.scan.concurrency must be at least 1");
        }
        this.probe = probe;
        this.concurrency = concurrency;
    }

    /**
     * Probes the ranges.
     *
     * @param known where miners already known answer, by host: tried there first
     * @param skip hosts not to probe (the static inventory's)
     */
    public Result scan(List<AddressRange> ranges, Map<String, MinerEndpoint> known, Set<String> skip)
            throws InterruptedException {
        long total = ranges.stream().mapToLong(AddressRange::size).sum();
        AtomicLong next = new AtomicLong();
        Map<String, Detected> found = new ConcurrentHashMap<>();
        Set<String> probed = ConcurrentHashMap.newKeySet();
        int workers = (int) Math.min(concurrency, Math.max(1, total));
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("miner-scan-", 0).factory())) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(executor.submit(() -> {
                    for (long i = next.getAndIncrement(); i < total
                            && !Thread.currentThread().isInterrupted(); i = next.getAndIncrement()) {
                        String host = addressAt(ranges, i);
                        if (skip.contains(host)) {
                            continue;
                        }
                        probe.probe(host, Optional.ofNullable(known.get(host)))
                                .ifPresent(detected -> found.put(host, detected));
                        probed.add(host);
                    }
                }));
            }
            try {
                for (Future<?> worker : running) {
                    worker.get();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                throw e;
            } catch (java.util.concurrent.ExecutionException e) {
                executor.shutdownNow();
                throw new IllegalStateException("a scan worker failed", e.getCause());
            }
        }
        return new Result(Map.copyOf(found), Set.copyOf(probed));
    }

    private static String addressAt(List<AddressRange> ranges, long index) {
        long i = index;
        for (AddressRange range : ranges) {
            if (i < range.size()) {
                return range.address(i);
            }
            i -= range.size();
        }
        throw new IndexOutOfBoundsException(index);
    }
}
