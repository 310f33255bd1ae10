package io.gridflex.dispatch.site;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.allocation.SiteFlexibility;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.support.db.Transactions;

/** Keeps the site registry: sites announce themselves and their flexibility through telemetry. */
@ApplicationScoped
public class SiteService {

    private final SiteRepository repository;
    private final Transactions transactions;
    private final DispatchConfig config;
    private final Clock clock;

    public SiteService(SiteRepository repository, Transactions transactions, DispatchConfig config, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.config = config;
        this.clock = clock;
    }

    public TelemetryOutcome record(SiteTelemetry telemetry) {
        Instant now = clock.instant();
        if (!telemetry.intervalEnd().isAfter(telemetry.intervalStart())) {
            return TelemetryOutcome.EMPTY_INTERVAL;
        }
        if (telemetry.intervalEnd().isAfter(now.plus(config.sites().maxClockSkew()))) {
            return TelemetryOutcome.FROM_THE_FUTURE;
        }
        return transactions.inTransaction(connection -> switch (repository.record(connection, telemetry, now)) {
            case REGISTERED -> TelemetryOutcome.REGISTERED;
            case UPDATED -> TelemetryOutcome.UPDATED;
            case NOT_NEWER -> repository.latestIntervalEnd(connection, telemetry.siteId())
                    .filter(held -> held.equals(telemetry.intervalEnd()))
                    .map(held -> TelemetryOutcome.DUPLICATE)
                    .orElse(TelemetryOutcome.OUT_OF_ORDER);
        });
    }

    /** Sites that may take a share of an event allocated now, read inside the caller's transaction. */
    public List<SiteFlexibility> freshSites(Connection connection, Instant now) throws SQLException {
        return repository.fresh(connection, freshSince(now));
    }

    public List<SiteView> list() {
        Instant now = clock.instant();
        return transactions.read(connection -> repository.all(connection, now, freshSince(now)));
    }

    private Instant freshSince(Instant now) {
        return now.minus(config.sites().staleAfter());
    }
}
