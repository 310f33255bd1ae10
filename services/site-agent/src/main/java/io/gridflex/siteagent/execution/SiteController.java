package io.gridflex.siteagent.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.meter.MeterPoller;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerCommands;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.gridflex.siteagent.schedule.SegmentProgress;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the site do what its schedule asks now, on the agent's own clock: a schedule keeps being executed, and ends,
 * whether or not Kafka is reachable. Each step takes the segment in force and the reduction it requires, then moves
 * the site by the difference only: stops more miners when the held reduction falls short, brings the surplus back in
 * stages when it exceeds it. A segment boundary or a new revision therefore never restarts the site from zero, and a
 * revision that leaves the present segment's target as it was changes nothing at all. One thread runs the steps, so
 * they never overlap, and a step never waits for a miner: commands and readings run on threads of their own, and
 * their outcomes are taken in at the next step, so a hung miner cannot delay a cancel, a restore or the next step.
 */
@ApplicationScoped
public class SiteController {

    private static final Logger LOG = Logger.getLogger(SiteController.class);
    private static final double EPSILON_W = 0.5;
    /** How far ahead of a segment's start its miners are got ready: more than a login, less than a session lasts. */
    private static final Duration PREPARE_AHEAD = Duration.ofSeconds(10);
    /**
     * A segment's miners are got ready and its shed planned once more this long after the first time (if the start is
     * still as far off again): with readings since, so a plan made from a picture still filling in (an agent started
     * just before) or seconds old is made again.
     */
    private static final Duration PREPARE_AGAIN = Duration.ofSeconds(5);
    /** How long after a segment boundary the step for it runs: enough for the boundary to have passed on any clock. */
    private static final Duration BOUNDARY_MARGIN = Duration.ofMillis(1);

    private final SiteConfig config;
    private final Clock clock;
    private final ScheduleBook book;
    private final OtherLoad otherLoad;
    private final FleetView fleet;
    private final double sleepW;
    private final Shedder shedder;
    private final Restorer restorer;
    private final Reconciler reconciler;
    private final Acknowledger acks;
    /** The start of the segment the miners were last got ready for. */
    private Instant preparedFor;
    /** When they were last got ready. */
    private Instant preparedAt;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("site-control").daemon().factory());

    public SiteController(SiteConfig config, Clock clock, ScheduleBook book, FleetView fleet, MinerCommands commands,
            OtherLoad otherLoad, MeterPoller meter, AgentMetrics metrics) {
        this.config = config;
        this.clock = clock;
        this.book = book;
        this.otherLoad = otherLoad;
        this.fleet = fleet;
        this.sleepW = config.miner().sleepW();
        this.shedder = new Shedder(config, clock, book, fleet, commands, metrics);
        this.restorer = new Restorer(config, book, fleet, commands, metrics);
        this.reconciler = new Reconciler(book, fleet, sleepW, config.shed().confirmTimeout());
        this.acks = new Acknowledger(clock, book, shedder, restorer, new MeteredReduction(meter), metrics, sleepW);
    }

    void start(@Observes StartupEvent event) {
        schedule(config.controlInterval());
    }

    @PreDestroy
    void stop() {
        loop.shutdownNow();
    }

    private void tick() {
        Duration next = config.controlInterval();
        try {
            next = step(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("control step failed; retrying at the next step", e);
        }
        schedule(next);
    }

    private void schedule(Duration delay) {
        try {
            loop.schedule(this::tick, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }

    /**
     * One control step at {@code now}.
     *
     * @return when the next step is due: after the control interval, or just after the schedule's next segment start
     *         or end if that comes sooner, so a shed begins at its instant rather than up to an interval later
     */
    Duration step(Instant now) {
        if (!fleet.sampledOnce()) {
            // After a (re)start the miners' real state comes first: acting on the state file alone could stop miners
            // already asleep or wake ones a schedule still needs.
            return config.controlInterval();
        }
        shedder.collect(now);
        restorer.collect(now);
        reconciler.settle(book.view().pending(), now);
        acks.calibrate(now);
        ScheduleBook.View view = book.view();
        ScheduleSegment segment = view.segmentAt(now).orElse(null);
        // Headroom counts as load: mining stays that far under the cap, where the next spike lands; and with a peak
        // window the other load counts at its recent highest, where a recurring spike will land again.
        double otherW = otherLoad.peakWatts(now, config.otherLoadPeakWindow()) + config.importHeadroomKw() * 1000;
        double requiredW = Requirement.requiredW(segment, fleet.snapshot(), view.held(), otherW,
                config.maxImportKw() * 1000);
        // Held miners are counted by their own readings; where the meter saw less of a shed than they claimed, they
        // must hold that much more for the meter to see what is required.
        double holdW = requiredW * acks.correction();
        if (holdW > EPSILON_W) {
            // The commands first: recording that a new segment is in force writes the state file, which can wait.
            shedder.shedMore(holdW, now);
        }
        follow(view, segment, holdW, now);

        if (holdW > EPSILON_W) {
            shedder.reassertSleep(Requirement.keep(book.view().asleep(), holdW, sleepW), now);
        }
        prepareForNext(view, holdW, otherW, now);
        List<HeldMiner> surplus = Requirement.surplus(book.view().asleep(), holdW, sleepW);
        if (!surplus.isEmpty()) {
            // What mining may draw: the import cap less the site's other load, as measured now.
            restorer.stage(surplus, Requirement.importCapW(segment, config.maxImportKw() * 1000) - otherW, now);
        }
        restorer.confirmWoken(book.view().held(), now);
        acks.acknowledge(segment, requiredW, holdW, now);
        return untilNextStep(book.view(), clock.instant());
    }

    private Duration untilNextStep(ScheduleBook.View view, Instant at) {
        Duration next = config.controlInterval();
        if (view.schedule() == null) {
            return next;
        }
        for (ScheduleSegment segment : view.schedule().segments()) {
            for (Instant boundary : List.of(segment.start(), segment.end())) {
                if (boundary.isAfter(at)) {
                    Duration until = Duration.between(at, boundary).plus(BOUNDARY_MARGIN);
                    if (until.compareTo(next) < 0) {
                        next = until;
                    }
                }
            }
        }
        return next;
    }

    /**
     * Keeps the book's present segment in step with the schedule. The same target (start, shed, import cap), even in a
     * newer revision, is the same present: only its new end and contributions are recorded. Anything else makes a
     * new present; when the held miners then exceed what it requires, the previous one's restore begins.
     */
    private void follow(ScheduleBook.View view, ScheduleSegment segment, double requiredW, Instant now) {
        SegmentProgress present = view.present();
        if (present != null && present.sameTarget(segment)) {
            if (!present.unchanged(view.revision(), segment)) {
                book.refresh(present.seenIn(view.revision(), segment));
            }
            return;
        }
        if (present == null && segment == null) {
            return;
        }
        SegmentProgress next = segment == null
                ? null
                : SegmentProgress.begin(view.revision(), segment, latest(segment.start(), view.acceptedAt()));
        boolean surplus = !Requirement.surplus(view.asleep(), requiredW, sleepW).isEmpty();
        SegmentProgress restoreFrom = present != null && surplus ? present : null;
        if (next != null) {
            shedder.reset();
            LOG.infof("segment %s..%s of revision %d in force: %.1f kW%s", segment.start(), segment.end(),
                    view.revision(), segment.shedKw(),
                    segment.importCapKw() == null ? "" : ", import cap " + segment.importCapKw() + " kW");
        }
        if (restoreFrom != null) {
            restorer.begin(!view.restoring().isEmpty(), now, restoreFrom.start());
        }
        book.moveTo(next, restoreFrom, restoreFrom == null
                ? null
                : restoringReason(restoreFrom, next, view,
                        requiredW, now));
    }

    private String restoringReason(SegmentProgress from, SegmentProgress next, ScheduleBook.View view,
            double requiredW, Instant now) {
        String why;
        if (!now.isBefore(from.end())) {
            why = "segment ended";
        } else if (next == null) {
            why = "revision " + view.revision() + " no longer asks for it";
        } else {
            why = "revision " + view.revision() + " lowers it";
        }
        return String.format(Locale.ROOT, "%s; bringing the load back down to %.1f kW held", why, requiredW / 1000);
    }

    /**
     * Ahead of a segment that asks for more than is held, gets the miners its shed would stop ready (sessions,
     * tokens) and plans it, once per segment and once more {@link #PREPARE_AGAIN} later: at its start the commands go
     * out at once, each one round trip.
     */
    private void prepareForNext(ScheduleBook.View view, double requiredW, double otherW, Instant now) {
        if (view.schedule() == null) {
            return;
        }
        Instant horizon = now.plus(PREPARE_AHEAD);
        for (ScheduleSegment next : view.schedule().segments()) {
            if (next.start().isAfter(now) && !next.start().isAfter(horizon)) {
                boolean again = next.start().equals(preparedFor)
                        && !now.isBefore(preparedAt.plus(PREPARE_AGAIN))
                        && Duration.between(now, next.start()).compareTo(PREPARE_AGAIN.dividedBy(2)) > 0;
                if (next.start().equals(preparedFor) && !again) {
                    return;
                }
                double nextW = Requirement.requiredW(next, fleet.snapshot(), view.held(), otherW,
                        config.maxImportKw() * 1000) * acks.correction();
                if (nextW > requiredW + EPSILON_W) {
                    preparedFor = next.start();
                    preparedAt = now;
                    shedder.prepare(nextW, next.start());
                }
                return;
            }
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
