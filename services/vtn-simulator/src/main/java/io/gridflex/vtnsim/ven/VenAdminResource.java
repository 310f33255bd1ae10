package io.gridflex.vtnsim.ven;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
}
