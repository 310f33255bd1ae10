package io.gridflex.siteagent.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The site's load that is not mining, as measured: a co-located data centre, whose draw spikes without warning. The
 * site meter updates it; the controller keeps the site's import (mining plus this) under the import limit, and under
 * a DR event's lower cap, by modulating mining. Without a meter (or before its first reading) it is 0 and the site is
 * mining alone.
 * <p>
 * It also keeps the highest measurement of a recent window ({@link #peakWatts}), for a controller that plans mining as
 * if the load could return at once to a level it reached lately: the measurements in a deque whose figures fall from
 * its head, so each is added and dropped once (a sliding-window maximum). Thread-safe.
 */
@ApplicationScoped
public class OtherLoad {

    private record Measurement(double watts, Instant at) {
    }

    /** The longest window {@link #peakWatts} is asked for; older measurements are dropped. */
    private static final Duration MAX_WINDOW = Duration.ofHours(24);

    private volatile double watts;
    private volatile Instant at;
    /** Falling figures, oldest first: the head is the highest within the window. Guarded by itself. */
    private final ArrayDeque<Measurement> peaks = new ArrayDeque<>();

    /** Records a measurement of the non-mining load. */
    public void update(double watts, Instant at) {
        if (!(watts >= 0) || Double.isInfinite(watts)) {
            throw new IllegalArgumentException("not a load: " + watts + " W");
        }
        this.watts = watts;
        this.at = at;
        synchronized (peaks) {
            while (!peaks.isEmpty() && peaks.peekLast().watts() <= watts) {
                peaks.pollLast();
            }
            peaks.addLast(new Measurement(watts, at));
            drop(at.minus(MAX_WINDOW));
        }
    }

    /** The latest measurement in W; 0 before the first. A stale figure is kept: the load was real when last seen. */
    public double watts() {
        return watts;
    }

    /**
     * The highest measurement of the {@code window} up to {@code now}, and never less than the latest (however old
     * that is); the latest when the window is zero. Measurements older than the window asked for are let go: the
     * controller always asks for the same one.
     */
    public double peakWatts(Instant now, Duration window) {
        double latest = watts;
        if (!window.isPositive()) {
            return latest;
        }
        synchronized (peaks) {
            drop(now.minus(window.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : window));
            return peaks.isEmpty() ? latest : Math.max(latest, peaks.peekFirst().watts());
        }
    }

    /** When it was last measured, or null. */
    public Instant measuredAt() {
        return at;
    }

    private void drop(Instant before) {
        while (!peaks.isEmpty() && peaks.peekFirst().at().isBefore(before)) {
            peaks.pollFirst();
        }
    }
}
