package io.gridflex.support.time;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The clock behind every "now" of a service, injected so that time is judged in one place and never by a stray
 * {@code Instant.now()}. It ticks in whole milliseconds: PostgreSQL keeps microseconds and rounds finer instants, so an
 * edge cut at a nanosecond "now" could come back a little later than the "now" it was cut at.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }
}
