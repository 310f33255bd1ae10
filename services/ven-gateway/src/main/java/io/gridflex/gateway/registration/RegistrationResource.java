package io.gridflex.gateway.registration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.support.security.PlatformRoles;

@Path("/api/registration")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registration")
@RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
public class RegistrationResource {

    private final RegistrationState state;
    private final VtnClient client;

    public RegistrationResource(RegistrationState state, VtnClient client) {
        this.state = state;
        this.client = client;
    }

    @GET
    @Operation(summary = "This VEN's registration with its VTN, the poll interval in force and the last poll time")
    public RegistrationView get() {
        String interval = state.pollInterval().toString();
        return state.current()
                .map(r -> new RegistrationView(true, r.vtnUrl(), r.vtnId(), r.venId(), r.registrationId(),
                        r.registeredAt(), state.lastPollAt().orElse(null), interval,
                        state.lastProblem().orElse(null)))
                .orElseGet(() -> new RegistrationView(false, client.vtnUrl(), null, null, null, null,
                        state.lastPollAt().orElse(null), interval, state.lastProblem().orElse(null)));
    }
}
