package io.gridflex.support.outbox;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * How an outbox relay runs: a group of a service's {@code @ConfigMapping}, e.g. {@code gridflex.dispatch.relay.*}.
 */
public interface RelayConfig {

    /** How often the relay looks for unpublished rows when nothing wakes it sooner. */
    @WithDefault("1s")
    Duration interval();

    /** Rows locked and published per database round trip. */
    @WithDefault("100")
    int batchSize();

    /** How long to wait for Kafka to acknowledge one batch before leaving the rest for a later round. */
    @WithDefault("30s")
    Duration publishTimeout();
}
