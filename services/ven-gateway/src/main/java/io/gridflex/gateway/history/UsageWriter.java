package io.gridflex.gateway.history;

import java.time.Instant;
import java.util.Collection;

/** Where the {@link HistoryRecorder} puts what it read: the {@link UsageHistory}. */
interface UsageWriter {

    /** Counts these intervals, all or none; throws when they could not be written. */
    void write(Collection<SiteInterval> intervals);

    /** Deletes the buckets that started before {@code before}; returns how many. */
    int prune(Instant before);
}
