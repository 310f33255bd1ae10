package io.gridflex.vtnsim.push;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.gridflex.vtnsim.event.EventBook;
import io.gridflex.vtnsim.event.EventDistribution;
import io.gridflex.vtnsim.event.EventsChanged;
import io.gridflex.vtnsim.ven.VenRegistry;

/**
 * Tells push VENs of event changes at once: each gets its full picture in an oadrDistributeEvent POSTed to its
 * EiEvent service, exactly what a poll would return. Per OpenADR 2.0b push, the VEN answers with an empty HTTP 200
 * and sends its oadrCreatedEvent as a request of its own to our EiEvent service, where it is recorded as from a pull
 * VEN. Synchronous with the admin request that made the change, so the admin API returns once the VEN has it; a VEN
 * that cannot be reached is logged (admin API: GET /admin/pushes) and hears of its events with the next change.
 */
@ApplicationScoped
public class EventPushes {

    private final VenRegistry vens;
    private final EventBook book;
    private final EventDistribution distribution;
    private final VenPusher pusher;
    private final Clock clock;

    public EventPushes(VenRegistry vens, EventBook book, EventDistribution distribution, VenPusher pusher,
            Clock clock) {
        this.vens = vens;
        this.book = book;
        this.distribution = distribution;
        this.pusher = pusher;
        this.clock = clock;
    }

    void changed(@Observes EventsChanged change) {
        for (String venId : change.venIds()) {
            vens.find(venId).filter(ven -> ven.push()).ifPresent(ven -> {
                Instant now = clock.instant();
                book.distributeIfChanged(venId, now).ifPresent(
                        events -> pusher.push(ven, "EiEvent", distribution.distribute(events, venId, now)));
            });
        }
    }
}
