package io.gridflex.vtnsim.push;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/pushes")
@Tag(name = "Pushes", description = "Messages this VTN pushed to push VENs")
@Produces(MediaType.APPLICATION_JSON)
public class PushAdminResource {

    private final VenPusher pusher;

    public PushAdminResource(VenPusher pusher) {
        this.pusher = pusher;
    }

    @GET
    @Operation(summary = "Pushes, oldest first, with the VEN's HTTP status and answer; ?venId= for one VEN")
    public List<PushRecord> list(@QueryParam("venId") String venId) {
        return pusher.pushes(venId);
    }
}
