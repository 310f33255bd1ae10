package io.gridflex.vtnsim.event;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An event as the admin API shows it.
 *
 * @param vens what each targeted VEN received and answered; only in the single-event view
 * @param level a SIMPLE event's level (its reductionKw is 0), or absent for a LOAD_DISPATCH event
 * @param withdrawnAt when it was withdrawn (an implied cancellation; its status then reads cancelled), or absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(String eventId, long modificationNumber, String status, Instant start, Instant end,
        long durationSeconds, double reductionKw, List<String> venIds, boolean testEvent, Instant createdAt,
        Instant modifiedAt, List<VenDelivery> vens, Integer level, Instant withdrawnAt) {

    static EventView summary(DrEvent event, String status) {
        return new EventView(event.eventId(), event.modificationNumber(), status, event.start(), event.end(),
                event.duration().toSeconds(), event.reductionKw(), event.venIds(), event.testEvent(),
                event.createdAt(), event.modifiedAt(), null, level(event), event.withdrawnAt());
    }

    static EventView detail(EventRecord record, String status) {
        DrEvent event = record.event();
        return new EventView(event.eventId(), event.modificationNumber(), status, event.start(), event.end(),
                event.duration().toSeconds(), event.reductionKw(), event.venIds(), event.testEvent(),
                event.createdAt(), event.modifiedAt(), record.deliveries(), level(event), event.withdrawnAt());
    }

    private static Integer level(DrEvent event) {
        return event.simple() ? event.level() : null;
    }
}
