package io.gridflex.vtnsim.event;

import java.util.List;

/** A snapshot of an event and of each targeted VEN's view of it. */
public record EventRecord(DrEvent event, List<VenDelivery> deliveries) {

    public EventRecord {
        deliveries = List.copyOf(deliveries);
    }
}
