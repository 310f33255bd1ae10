package io.gridflex.vtnsim.ven;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/vens")
@Tag(name = "VENs", description = "VENs registered with this VTN")
@Produces(MediaType.APPLICATION_JSON)
public class VenAdminResource {

    private final VenRegistry registry;

    public VenAdminResource(VenRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "Registered VENs, oldest registration first, with their last poll")
    public List<Ven> list() {
        return registry.all();
    }

    @GET
    @Path("/registration-messages")
    @Operation(summary = "Every oadrQueryRegistration, oadrCreatePartyRegistration and oadrCancelPartyRegistration"
            + " received, oldest first, with the IDs each carried and the code answered")
    public List<RegistrationMessage> registrationMessages() {
        return registry.messages();
    }

    @PUT
    @Path("/preallocated/{venId}")
    @Operation(summary = "Allocates a venID in advance: a VEN presenting it in oadrCreatePartyRegistration is"
            + " registered under it")
    public Response preallocate(@PathParam("venId") String venId) {
        registry.preallocate(venId);
        return Response.noContent().build();
    }
}
