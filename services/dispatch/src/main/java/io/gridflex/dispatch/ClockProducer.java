package io.gridflex.dispatch;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The clock behind every "now" in dispatch, injected so freshness, event ends and schedule edges are judged in one
 * place. It ticks in whole milliseconds: PostgreSQL keeps microseconds and rounds finer instants, so an edge cut at a
 * nanosecond "now" could come back a little later than the "now" it was cut at.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }
}
