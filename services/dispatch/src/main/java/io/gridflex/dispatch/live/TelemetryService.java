package io.gridflex.dispatch.live;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.support.db.Transactions;

/**
 * Keeps each registered site's live state. A site is registered by an operator, never discovered: a report from a
 * site the registry does not hold is refused, whatever it claims to be able to shed.
 */
@ApplicationScoped
public class TelemetryService {

    private final LiveStateRepository repository;
    private final Transactions transactions;
    private final DispatchConfig config;
    private final Clock clock;

    public TelemetryService(LiveStateRepository repository, Transactions transactions, DispatchConfig config,
            Clock clock) {
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
        LiveState state = LiveState.of(telemetry, now);
        return transactions.inTransaction(connection -> switch (repository.record(connection, state)) {
            case STORED -> TelemetryOutcome.STORED;
            case UNKNOWN_SITE -> TelemetryOutcome.UNKNOWN_SITE;
            case NOT_NEWER -> repository.find(connection, telemetry.siteId())
                    .filter(held -> held.intervalEnd().equals(telemetry.intervalEnd()))
                    .map(held -> TelemetryOutcome.DUPLICATE)
                    .orElse(TelemetryOutcome.OUT_OF_ORDER);
        });
    }
}
