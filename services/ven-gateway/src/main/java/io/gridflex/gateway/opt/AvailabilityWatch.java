package io.gridflex.gateway.opt;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.program.ProgramConnection;
import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.report.ResourceSnapshot;
import io.gridflex.gateway.telemetry.SiteReadings;
import io.gridflex.support.db.Transactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Watches every program's resources (their sites' telemetry) and keeps the VEN's opt schedules in step: a resource
 * that has not been able to take part for the configured time gets an opt schedule from then on (open-ended); one
 * that can again has it withdrawn. Decisions are stored first; the {@link OptDesk} sends them.
 */
@ApplicationScoped
public class AvailabilityWatch {

    private static final Logger LOG = Logger.getLogger(AvailabilityWatch.class);

    private final Programs programs;
    private final SiteReadings readings;
    private final AvailabilityRepository schedules;
    private final Transactions transactions;
    private final OptDesk desk;
    private final GatewayConfig config;
    private final Availability availability;
    private final Clock clock;
    /** When each program's resource last could take part (or when watching began), by program and resource. */
    private final Map<String, Instant> lastAble = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private Instant watchingSince;

    public AvailabilityWatch(Programs programs, SiteReadings readings, AvailabilityRepository schedules,
            Transactions transactions, OptDesk desk, GatewayConfig config, Clock clock) {
        this.programs = programs;
        this.readings = readings;
        this.schedules = schedules;
        this.transactions = transactions;
        this.desk = desk;
        this.config = config;
        this.availability = new Availability(config.opts().unavailableAfter());
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        watchingSince = clock.instant();
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("availability-watch").daemon().factory());
        long every = config.opts().availabilityCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(this::checkAll, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Checks every program once; public for tests that cannot wait for the timer. */
    public void checkAll() {
        for (ProgramConnection program : programs.all()) {
            try {
                if (check(program)) {
                    desk.send(program.id());
                }
            } catch (RuntimeException e) {
                LOG.warnf("program %s: availability not checked this round: %s", program.id(), e.getMessage());
            }
        }
    }

    /** @return whether a schedule was opened or is to be withdrawn */
    private boolean check(ProgramConnection program) {
        Instant now = clock.instant();
        return transactions.inTransaction(connection -> {
            Map<String, AvailabilityOpt> inForce = schedules.inForce(connection, program.id());
            boolean changed = false;
            for (var resource : program.config().resources().entrySet()) {
                String key = program.id() + " " + resource.getKey();
                ResourceSnapshot snapshot = ResourceSnapshot.of(resource.getKey(), resource.getValue().sites(),
                        readings::latest, now, config.telemetry().freshness());
                AvailabilityOpt open = inForce.get(resource.getKey());
                if (Availability.canTakePart(snapshot)) {
                    lastAble.put(key, now);
                    if (open != null && "OPEN".equals(open.state())) {
                        schedules.availableAgain(connection, open.optId(), now);
                        changed = true;
                    }
                    continue;
                }
                if (open != null) {
                    continue;
                }
                Instant since = lastAble.getOrDefault(key, watchingSince);
                var verdict = availability.judge(snapshot, since, now);
                if (verdict.isPresent()) {
                    changed |= schedules.open(connection, UUID.randomUUID().toString(), program.id(),
                            resource.getKey(), verdict.get(), since, now);
                    LOG.infof("program %s: resource %s unavailable (%s); opting it out", program.id(),
                            resource.getKey(), verdict.get().detail());
                }
            }
            return changed;
        });
    }
}
