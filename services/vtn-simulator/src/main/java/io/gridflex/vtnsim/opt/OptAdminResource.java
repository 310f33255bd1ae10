package io.gridflex.vtnsim.opt;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/opts")
@Tag(name = "Opts", description = "Opts the VENs sent (EiOpt)")
@Produces(MediaType.APPLICATION_JSON)
public class OptAdminResource {

    private final OptBook opts;

    public OptAdminResource(OptBook opts) {
        this.opts = opts;
    }

    @GET
    @Operation(summary = "Every opt received, oldest first; only those about one event when eventId is given")
    public List<ReceivedOpt> list(@QueryParam("eventId") String eventId) {
        return opts.all().stream().filter(o -> eventId == null || eventId.equals(o.eventId())).toList();
    }
}
