package io.gridflex.siteagent.meter;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The site meter, read every poll interval on a virtual thread when {@code gridflex.site.meter.enabled}. Keeps the
 * latest good reading and why the latest attempt failed, if it did; a failed attempt never replaces a reading with
 * zeros. Losing and regaining the meter is logged once each.
 */
@ApplicationScoped
public class SiteMeter {

    private static final Logger LOG = Logger.getLogger(SiteMeter.class);

    private final MeterConfig config;
    private final Clock clock;
    private final AtomicReference<MeterReading> latest = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile ModbusMeterClient client;
    private volatile Thread poller;

    public SiteMeter(MeterConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        client = new ModbusMeterClient(MeterSettings.of(config), clock);
        poller = Thread.ofVirtual().name("site-meter").start(this::poll);
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The latest good reading, if any. */
    public Optional<MeterReading> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Why the latest attempt failed; empty when it succeeded. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                latest.set(client.read());
                if (lastError.getAndSet(null) != null) {
                    LOG.infof("site meter answers again");
                }
            } catch (MeterException e) {
                if (lastError.getAndSet(e.getMessage()) == null) {
                    LOG.warnf("site meter stopped answering: %s", e.getMessage());
                }
            }
            try {
                Thread.sleep(config.pollInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @PreDestroy
    void stop() {
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
