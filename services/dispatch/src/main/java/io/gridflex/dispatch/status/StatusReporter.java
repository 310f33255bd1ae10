package io.gridflex.dispatch.status;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.event.EventOutcome;
import io.gridflex.dispatch.event.StoredEvent;
import io.gridflex.messages.DispatchStatus;

/**
 * Tells ven-gateway where an event stands and whether the fleet can meet it, through the status outbox, in the
 * transaction of the change it reports.
 */
@ApplicationScoped
public class StatusReporter {

    /** Program named on the status of a manual event, which has none. */
    static final String NO_PROGRAM = "operator";

    private final StatusOutbox outbox;
    private final ResourceShares resources;

    public StatusReporter(StatusOutbox outbox, ResourceShares resources) {
        this.outbox = outbox;
        this.resources = resources;
    }

    /**
     * @param event the event as stored after the change
     * @param deliveredKw what sites report holding off for it now, or null when not measured
     * @param liveShortfallKw a shortfall the closed loop found now, or null to report the allocation's
     */
    public void report(Connection connection, StoredEvent event, Double deliveredKw, Double liveShortfallKw,
            String liveReason, Instant now) throws SQLException {
        double shortfall = liveShortfallKw != null ? liveShortfallKw : event.shortfallKw().doubleValue();
        boolean refused = switch (event.outcome()) {
            case UNKNOWN_PROGRAM, FOREIGN, INVALID_SIGNAL -> true;
            default -> false;
        };
        boolean canMeet = !refused && shortfall <= 0;
        String reason = liveReason != null ? liveReason : canMeet ? null : event.outcomeDetail();
        outbox.add(connection, new DispatchStatus(event.eventId(),
                event.programId() == null ? NO_PROGRAM : event.programId(), event.modificationNumber(),
                event.state(), event.requestedKw().doubleValue(), event.outcome() == EventOutcome.ALLOCATED
                        ? event.allocatedKw().doubleValue()
                        : 0,
                deliveredKw, Math.max(0, shortfall), canMeet,
                reason == null ? null : reason.substring(0, Math.min(reason.length(), 1024)), now,
                resources.of(connection, event.eventId())));
    }
}
