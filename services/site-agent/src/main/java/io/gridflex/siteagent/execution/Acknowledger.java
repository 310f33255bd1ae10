package io.gridflex.siteagent.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.gridflex.siteagent.schedule.SegmentProgress;

/**
 * The controller's acknowledgements of what the site did: SHED once a segment's shed has settled, stating what the
 * site meter saw where it has one (and letting that figure correct how much the miners' own readings must show
 * held), RESTORED once a restore's surplus is back. Used by the controller's thread only.
 */
final class Acknowledger {

    private static final Logger LOG = Logger.getLogger(Acknowledger.class);
    private static final double EPSILON_W = 0.5;

    private final Clock clock;
    private final ScheduleBook book;
    private final Shedder shedder;
    private final Restorer restorer;
    private final MeteredReduction metered;
    private final AgentMetrics metrics;
    private final double sleepW;
    /** When the shedder last became settled with nothing out, or null while commands or confirmations are out. */
    private Instant settledAt;

    Acknowledger(Clock clock, ScheduleBook book, Shedder shedder, Restorer restorer, MeteredReduction metered,
            AgentMetrics metrics, double sleepW) {
        this.clock = clock;
        this.book = book;
        this.shedder = shedder;
        this.restorer = restorer;
        this.metered = metered;
        this.metrics = metrics;
        this.sleepW = sleepW;
    }

    /** How much more than required the held miners must show by their own readings: see {@link MeteredReduction}. */
    double correction() {
        return metered.correction();
    }

    /**
     * Notes when the shedder settled (nothing commanded or unconfirmed) and, once per settled shed, lets the meter's
     * figure correct how much the miners' own readings must show held.
     */
    void calibrate(Instant now) {
        if (!shedder.settled()) {
            settledAt = null;
            return;
        }
        settledAt = settledAt == null ? now : settledAt;
        double before = metered.correction();
        if (metered.calibrate(settledAt, shedder::removedW)) {
            LOG.infof("the site meter saw %.0f %% of the reduction the held miners' own readings show; holding %.2f "
                    + "times the target by their readings (was %.2f)", 100 / metered.correction(),
                    metered.correction(), before);
        }
    }

    /** Acknowledges what the step reached: SHED or RESTORED, each once. */
    void acknowledge(ScheduleSegment segment, double requiredW, double holdW, Instant now) {
        ScheduleBook.View view = book.view();
        boolean settled = shedder.settled();
        metered.observe(settled && view.held().isEmpty() && view.pending().isEmpty());
        settledAt = !settled ? null : settledAt == null ? now : settledAt;
        SegmentProgress present = view.present();
        if (present != null && !present.shed() && settled) {
            // The meter has the last word: wait (briefly) for its first reading after the miners settled.
            Optional<MeteredReduction.Figure> figure = metered.after(settledAt);
            if (figure.isPresent() || !metered.metered() || !now.isBefore(settledAt.plus(metered.patience()))) {
                acknowledgeShed(present, segment, requiredW, figure);
            }
        }
        boolean surplusBack = Requirement.surplus(view.asleep(), holdW, sleepW).isEmpty()
                && view.held().stream().allMatch(HeldMiner::isAsleep);
        if (!view.restoring().isEmpty() && surplusBack) {
            List<String> notes = new ArrayList<>(restorer.takeIssues());
            int stillHeld = view.asleep().size();
            if (stillHeld > 0) {
                notes.addFirst(String.format(Locale.ROOT,
                        "%d miners stay asleep to keep the site under its import limit (%.1f kW required)", stillHeld,
                        requiredW / 1000));
            }
            book.restored(notes.isEmpty() ? null : String.join("; ", notes));
        }
    }

    private void acknowledgeShed(SegmentProgress present, ScheduleSegment segment, double requiredW,
            Optional<MeteredReduction.Figure> figure) {
        double claimedW = shedder.removedW();
        double removedW = figure.map(MeteredReduction.Figure::removedW).orElse(claimedW);
        int held = book.view().asleep().size();
        StringBuilder reason = new StringBuilder();
        if (shedder.stopped() + shedder.trimmed() > 0) {
            Duration latency = Duration.between(present.since(), clock.instant());
            metrics.shedLatency(latency);
            reason.append(shedder.stopped()).append(" miners stopped, ").append(shedder.trimmed())
                    .append(" trimmed (").append(held).append(" held), latency ")
                    .append(Math.max(0, latency.toMillis())).append(" ms");
        } else {
            reason.append("no miner stopped: the ").append(held).append(" held already cover it");
        }
        if (segment != null && segment.importCapKw() != null) {
            reason.append(String.format(Locale.ROOT, "; import cap %.1f kW", segment.importCapKw()));
        }
        if (removedW + EPSILON_W < requiredW) {
            reason.append(String.format(Locale.ROOT, "; short of the target: %.1f of %.1f kW", removedW / 1000,
                    requiredW / 1000));
        }
        if (figure.isPresent()) {
            reason.append(String.format(Locale.ROOT, "; metered: %.1f kW less mining than at %s (the miners' own "
                    + "readings say %.1f kW)", removedW / 1000, figure.get().referenceAt(), claimedW / 1000));
        } else if (metered.metered()) {
            reason.append("; the site meter gave no figure (no fresh reading since the miners settled, or none while "
                    + "no miner was held): from the miners' own readings");
        }
        shedder.issues().forEach(issue -> reason.append("; ").append(issue));
        book.shed(present, removedW / 1000, requiredW / 1000, reason.toString());
    }
}
