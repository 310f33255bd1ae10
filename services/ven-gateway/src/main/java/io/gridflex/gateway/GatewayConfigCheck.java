package io.gridflex.gateway;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.gridflex.gateway.event.ValidationRules;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with settings that would only fail later, on the first event: a program id that cannot travel in
 * a DrEvent would have every event declined.
 */
@ApplicationScoped
public class GatewayConfigCheck {

    /** Before the poll loop starts (its observer has the default priority), so no event is handled first. */
    void onStart(@Observes @Priority(1) StartupEvent event, GatewayConfig config) {
        check(config);
    }

    static void check(GatewayConfig config) {
        try {
            ValidationRules.requireProgramId(config.program());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("gridflex.gateway.program: " + e.getMessage(), e);
        }
    }
}
