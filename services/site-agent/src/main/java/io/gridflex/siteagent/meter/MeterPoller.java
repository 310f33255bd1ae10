package io.gridflex.siteagent.meter;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.execution.OtherLoad;
import io.quarkus.runtime.StartupEvent;

/**
 * The site meter, read every poll interval on a virtual thread when {@code gridflex.site.meter.enabled}. Keeps the
 * latest good reading and why the latest attempt failed, if it did; a failed attempt never replaces a reading with
 * zeros. Losing and regaining the meter is logged once each. Each reading's non-mining load (a data centre) goes to
 * {@link OtherLoad}, which the controller keeps under the site's import limit.
 */
@ApplicationScoped
public class MeterPoller {

    private static final Logger LOG = Logger.getLogger(MeterPoller.class);

    private final boolean enabled;
    private final Supplier<MeterSettings> settings;
    private final Duration pollInterval;
    private final Clock clock;
    private final AtomicReference<MeterReading> latest = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile ModbusMeterClient client;
    private volatile Thread poller;

    private final OtherLoad otherLoad;

    @Inject
    public MeterPoller(MeterConfig config, Clock clock, OtherLoad otherLoad) {
        this(config.enabled(), () -> MeterSettings.of(config), config.pollInterval(), clock, otherLoad);
    }

    /** A poller for a meter given by its settings, for tools and tests that wire the agent by hand. */
    public MeterPoller(boolean enabled, Supplier<MeterSettings> settings, Duration pollInterval, Clock clock,
            OtherLoad otherLoad) {
        this.enabled = enabled;
        this.settings = settings;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.otherLoad = otherLoad;
    }

    void start(@Observes StartupEvent event) {
        begin();
    }

    /** Starts reading the meter, if it is enabled. */
    public void begin() {
        if (!enabled) {
            return;
        }
        client = new ModbusMeterClient(settings.get(), clock);
        poller = Thread.ofVirtual().name("site-meter").start(this::poll);
    }

    public boolean enabled() {
        return enabled;
    }

    /** How often the meter is read. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** A site without a meter, for tools and tests that wire the agent by hand. */
    public static MeterPoller none(Clock clock) {
        return new MeterPoller(false, () -> {
            throw new IllegalStateException("no site meter");
        }, Duration.ofSeconds(1), clock, new OtherLoad());
    }

    /** The latest good reading, if any. */
    public Optional<MeterReading> latest() {
        return Optional.ofNullable(latest.get());
    }

    /**
     * The latest good reading if it is no older than three poll intervals: what telemetry may report as metered.
     */
    public Optional<MeterReading> fresh() {
        MeterReading reading = latest.get();
        if (reading == null || reading.at().isBefore(clock.instant().minus(pollInterval.multipliedBy(3)))) {
            return Optional.empty();
        }
        return Optional.of(reading);
    }

    /**
     * The site's load that is not mining: the data-centre register where the meter has one, else the site's draw less
     * the mining draw where it has both; empty where it says neither.
     */
    static Optional<Double> nonMiningKw(MeterReading reading) {
        if (reading.dataCentreKw() != null) {
            return Optional.of(Math.max(0, reading.dataCentreKw()));
        }
        if (reading.siteKw() != null && reading.miningKw() != null) {
            return Optional.of(Math.max(0, reading.siteKw() - reading.miningKw()));
        }
        return Optional.empty();
    }

    /** Why the latest attempt failed; empty when it succeeded. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                MeterReading reading = client.read();
                latest.set(reading);
                nonMiningKw(reading).ifPresent(kw -> otherLoad.update(kw * 1000, reading.at()));
                if (lastError.getAndSet(null) != null) {
                    LOG.infof("site meter answers again");
                }
            } catch (MeterException e) {
                if (lastError.getAndSet(e.getMessage()) == null) {
                    LOG.warnf("site meter stopped answering: %s", e.getMessage());
                }
            }
            try {
                Thread.sleep(pollInterval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @PreDestroy
    public void stop() {
        Thread running = poller;
        if (running != null) {
            running.interrupt();
        }
        ModbusMeterClient open = client;
        if (open != null) {
            open.close();
        }
    }
}
