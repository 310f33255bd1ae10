package io.gridflex.settlement.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where every consumer reports a message it acknowledges without acting on: one structured warning and one count in
 * {@code gridflex.messages.rejected}, tagged with the topic and a short, stable reason, so operators can alert on a
 * rising reason without parsing log text.
 */
@ApplicationScoped
public class RejectedMessages {

    public static final String METRIC = "gridflex.messages.rejected";

    private static final Logger LOG = Logger.getLogger(RejectedMessages.class);

    private final MeterRegistry registry;

    public RejectedMessages(MeterRegistry registry) {
        this.registry = registry;
    }

    public void reject(String topic, String reason, String detail) {
        registry.counter(METRIC, "topic", topic, "reason", reason).increment();
        MDC.put("topic", topic);
        MDC.put("reason", reason);
        try {
            LOG.warnf("message rejected on %s (%s): %s", topic, reason, detail);
        } finally {
            MDC.remove("topic");
            MDC.remove("reason");
        }
    }
}
