package io.gridflex.gateway.opt;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.program.ProgramConnection;
import io.gridflex.gateway.program.Programs;
import io.gridflex.support.db.Transactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Gets every program's opts to its VTN: at once when one is decided, and again every retry interval for those a VTN
 * could not be reached for. Each program's round runs on a virtual thread of its own, one at a time per program, so a
 * slow VTN never holds up another program's opts.
 */
@ApplicationScoped
public class OptDesk {

    private static final Logger LOG = Logger.getLogger(OptDesk.class);

    private final Programs programs;
    private final OptRepository opts;
    private final Transactions transactions;
    private final OptSender sender;
    private final GatewayConfig.Opts config;
    private final Map<String, Round> rounds = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    private final AvailabilityRepository schedules;

    public OptDesk(Programs programs, OptRepository opts, AvailabilityRepository schedules,
            Transactions transactions, GatewayMetrics metrics, GatewayConfig config, Clock clock) {
        this.programs = programs;
        this.opts = opts;
        this.schedules = schedules;
        this.transactions = transactions;
        this.sender = new OptSender(opts, schedules, transactions, metrics, clock);
        this.config = config.opts();
    }

    void start(@Observes StartupEvent startup) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("opt-retry").daemon().factory());
        long every = config.retryInterval().toMillis();
        timer.scheduleWithFixedDelay(this::retry, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Sends the program's unanswered opts and unsent opt schedules now, unless a round for it is already under way. */
    public void send(String program) {
        programs.find(program).ifPresent(this::round);
    }

    private void retry() {
        try {
            Set<String> waiting = new TreeSet<>(transactions.read(opts::programsWithUnanswered));
            waiting.addAll(transactions.read(schedules::programsWithUnsent));
            waiting.forEach(this::send);
        } catch (RuntimeException e) {
            LOG.debugf("opts not retried this round: %s", e.getMessage());
        }
    }

    private void round(ProgramConnection program) {
        Round round = rounds.computeIfAbsent(program.id(), id -> new Round());
        round.again.set(true);
        if (!round.busy.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("opts-" + program.id()).start(() -> {
            try {
                while (round.again.getAndSet(false)) {
                    sender.sendPending(program);
                    sender.sendSchedules(program);
                }
            } catch (RuntimeException e) {
                LOG.warnf("program %s: opts not sent this round: %s", program.id(), e.getMessage());
            } finally {
                round.busy.set(false);
            }
            if (round.again.get()) {
                round(program);
            }
        });
    }

    /** A program's round: under way, and asked for again while under way. */
    private static final class Round {

        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicBoolean again = new AtomicBoolean();
    }
}
