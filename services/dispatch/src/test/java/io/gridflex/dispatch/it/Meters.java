package io.gridflex.dispatch.it;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Reads counters from the running service's registry; a counter not yet created reads as 0. */
public final class Meters {

    private final MeterRegistry registry;

    public Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    public double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    public double rejected(String topic, String reason) {
        return count("gridflex.messages.rejected", "topic", topic, "reason", reason);
    }
}
