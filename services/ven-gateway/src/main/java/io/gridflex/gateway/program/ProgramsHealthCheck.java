package io.gridflex.gateway.program;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while at least one program is registered with its VTN: until then no event can reach us. One program whose
 * VTN is down does not take the gateway out of service for the others; each program's standing is in the check's
 * data, and GET /api/programs says why.
 */
@Readiness
@ApplicationScoped
public class ProgramsHealthCheck implements HealthCheck {

    private final Programs programs;

    public ProgramsHealthCheck(Programs programs) {
        this.programs = programs;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("vtn-registration");
        boolean any = false;
        for (ProgramConnection program : programs.all()) {
            var registration = program.state().current();
            any |= registration.isPresent();
            response.withData(program.id(), registration.map(r -> "registered with " + r.vtnId() + " as " + r.venId())
                    .orElseGet(() -> "not registered: " + program.state().lastProblem().orElse("not yet")));
        }
        return response.status(any).build();
    }
}
