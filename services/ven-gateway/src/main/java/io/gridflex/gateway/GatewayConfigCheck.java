package io.gridflex.gateway;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.gridflex.gateway.event.ValidationRules;
import io.gridflex.gateway.vtn.VtnClient;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with settings that would only fail later: no program at all, a program id that cannot travel in a
 * DrEvent (every event would be declined), or a VTN URL that is not one.
 */
@ApplicationScoped
public class GatewayConfigCheck {

    /** Before the programs start (their observer has the default priority), so no event is handled first. */
    void onStart(@Observes @Priority(1) StartupEvent event, GatewayConfig config) {
        check(config);
    }

    static void check(GatewayConfig config) {
        if (config.programs().isEmpty()) {
            throw new IllegalStateException("no program configured: give each VTN connection"
                    + " gridflex.gateway.programs.<program id>.vtn.url and .ven-name (see the README)");
        }
        config.programs().forEach((id, program) -> {
            try {
                ValidationRules.requireProgramId(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("gridflex.gateway.programs.<program id>: " + e.getMessage(), e);
            }
            try {
                VtnClient.baseUrl(program.vtn().url());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("gridflex.gateway.programs." + id + ".vtn.url: " + e.getMessage(),
                        e);
            }
            if (program.venName().isBlank()) {
                throw new IllegalStateException("gridflex.gateway.programs." + id + ".ven-name is blank");
            }
        });
    }
}
