package io.gridflex.settlement.meter;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.support.db.Sql;
import io.gridflex.support.db.Transactions;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps monthly partitions of {@code settlement.meter_interval} ready two months ahead: at startup and every day. A
 * failure (the database away) is logged and tried again the next day; until then intervals go to the months already
 * there or, at worst, to the default partition, so nothing is refused for want of a partition.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);
    private static final int MONTHS_AHEAD = 2;

    private final Transactions transactions;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("meter-partitions").daemon().factory());

    public PartitionMaintenance(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        timer.scheduleWithFixedDelay(this::ensure, 0, Duration.ofDays(1).toMinutes(), TimeUnit.MINUTES);
    }

    /** Creates the partitions from this month to two months ahead that do not exist yet; returns how many. */
    public int ensure() {
        try {
            int created = transactions.inTransaction(connection -> {
                try (PreparedStatement statement = connection
                        .prepareStatement("SELECT settlement.ensure_meter_partitions(?, ?)")) {
                    Sql.setInstant(statement, 1, clock.instant());
                    statement.setInt(2, MONTHS_AHEAD);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                }
            });
            if (created > 0) {
                LOG.infof("created %d monthly partitions of settlement.meter_interval", created);
            }
            return created;
        } catch (RuntimeException e) {
            LOG.warnf("could not create the coming months' partitions of settlement.meter_interval (%s); "
                    + "trying again tomorrow", e.getMessage());
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
