package io.gridflex.gateway.registration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while registered: until then no event can reach us, and dispatch should not count on this VEN. */
@Readiness
@ApplicationScoped
public class RegistrationHealthCheck implements HealthCheck {

    private final RegistrationState state;

    public RegistrationHealthCheck(RegistrationState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("vtn-registration");
        state.current().ifPresentOrElse(registration -> response.up()
                .withData("vtnId", registration.vtnId())
                .withData("venId", registration.venId()),
                () -> response.down().withData("problem", state.lastProblem().orElse("not registered yet")));
        return response.build();
    }
}
