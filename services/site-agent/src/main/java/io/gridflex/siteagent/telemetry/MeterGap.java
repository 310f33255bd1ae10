package io.gridflex.siteagent.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.AtomicFile;

/**
 * Closes the hole a restart leaves in a metered site's telemetry with the meter's cumulative energy register. Before
 * each metered interval is published, a register reading taken at or after its end is written beside the state file
 * (synced): a crash after the write and before the publish loses that interval's energy rather than counting it twice.
 * After a restart, the first metered sample makes one interval from the end of the last published one to that sample,
 * whose energy is the register's difference (its reading taken at or before the sample); the agent's own intervals
 * carry on from there, so none overlaps another.
 * <p>
 * Both readings lean inwards, so a gap interval may miss up to two meter polls' worth of energy and never counts any
 * twice: settlement is never paid twice for a kWh. A register that went backwards (a
 * replaced meter) or a gap beyond {@link #MAX_GAP} is not filled, and the log says so.
 */
final class MeterGap {

    private static final Logger LOG = Logger.getLogger(MeterGap.class);
    /** Beyond this a gap is left open: the meter may have been replaced or reset meanwhile. */
    static final Duration MAX_GAP = Duration.ofDays(7);

    /** A published interval's end and the register's reading then. */
    record Mark(Instant intervalEnd, double energyKwh) {
    }

    /** Energy drawn in [start, end) while no agent measured it. */
    record Gap(Instant start, Instant end, double energyKwh) {
    }

    private final Path path;
    private Mark pending;
    private boolean settled;

    MeterGap(Path stateFile) {
        this.path = stateFile.resolveSibling(stateFile.getFileName() + ".meter-mark");
        this.pending = read(path);
    }

    Path path() {
        return path;
    }

    /**
     * The gap since the last published interval, for the first metered sample after a start (empty after that, or
     * when there is nothing to fill).
     */
    Optional<Gap> firstSample(Instant at, double energyKwh) {
        if (settled) {
            return Optional.empty();
        }
        settled = true;
        Mark mark = pending;
        pending = null;
        if (mark == null || !at.isAfter(mark.intervalEnd())) {
            return Optional.empty();
        }
        if (energyKwh < mark.energyKwh()) {
            LOG.warnf("the meter's energy register went back from %.3f to %.3f kWh since %s (a new meter?): the gap "
                    + "until %s is left open", mark.energyKwh(), energyKwh, mark.intervalEnd(), at);
            return Optional.empty();
        }
        if (Duration.between(mark.intervalEnd(), at).compareTo(MAX_GAP) > 0) {
            LOG.warnf("telemetry stopped at %s, more than %s ago: the gap until %s is left open", mark.intervalEnd(),
                    MAX_GAP, at);
            return Optional.empty();
        }
        return Optional.of(new Gap(mark.intervalEnd(), at, energyKwh - mark.energyKwh()));
    }

    /** Gives up on the gap: the agent's intervals began without the meter, and filling it would count time twice. */
    void abandon(String why) {
        if (!settled && pending != null) {
            LOG.warnf("telemetry stopped at %s; the gap is left open: %s", pending.intervalEnd(), why);
        }
        settled = true;
        pending = null;
    }

    /** Whether the first metered sample is still to come (the agent's own intervals must not start before it). */
    boolean awaitingFirstSample() {
        return !settled && pending != null;
    }

    /** Forgets the mark: an interval that cannot be marked is about to be published, and a gap after it is unknown. */
    void forget() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the meter mark " + path, e);
        }
    }

    /** Records, synced, that the interval ending at {@code intervalEnd} is about to be published. */
    void mark(Instant intervalEnd, double energyKwh) {
        AtomicFile.write(path, intervalEnd + " " + energyKwh + "\n");
    }

    private static Mark read(Path path) {
        if (!Files.exists(path)) {
            return null;
        }
        try {
            String[] parts = Files.readString(path, StandardCharsets.UTF_8).strip().split(" ");
            return new Mark(Instant.parse(parts[0]), Double.parseDouble(parts[1]));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("meter mark %s is unreadable (%s): no gap will be filled", path, e.getMessage());
            return null;
        }
    }
}
