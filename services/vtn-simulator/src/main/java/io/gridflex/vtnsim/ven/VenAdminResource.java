package io.gridflex.vtnsim.ven;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.vtnsim.api.ApiError;
import io.gridflex.vtnsim.log.MessageLog;

@Path("/admin/vens")
@Tag(name = "VENs", description = "VENs registered with this VTN")
@Produces(MediaType.APPLICATION_JSON)
public class VenAdminResource {

    private static final Set<String> REGISTRATION_REQUESTS = Set.of("oadrQueryRegistration",
            "oadrCreatePartyRegistration", "oadrCancelPartyRegistration");

    private final VenRegistry registry;
    private final MessageLog log;
    private final RegistrationRequests requests;

    public VenAdminResource(VenRegistry registry, MessageLog log, RegistrationRequests requests) {
        this.registry = registry;
        this.log = log;
        this.requests = requests;
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
        return log.find(m -> REGISTRATION_REQUESTS.contains(m.message())).stream()
                .map(m -> new RegistrationMessage(m.message(), m.venId(), m.registrationId(),
                        m.answerCode() == null ? 0 : Integer.parseInt(m.answerCode()), m.receivedAt()))
                .toList();
    }

    @PUT
    @Path("/preallocated/{venId}")
    @Operation(summary = "Allocates a venID in advance: a VEN presenting it in oadrCreatePartyRegistration is"
            + " registered under it")
    public Response preallocate(@PathParam("venId") String venId) {
        registry.preallocate(venId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{venId}/reregistration")
    @Operation(summary = "Asks the VEN to register again (oadrRequestReregistration): in its next poll, or pushed")
    public Response requestReregistration(@PathParam("venId") String venId) {
        return requests.requestReregistration(venId) ? Response.accepted().build() : unknown(venId);
    }

    @POST
    @Path("/{venId}/cancellation")
    @Operation(summary = "Ends the VEN's registration (oadrCancelPartyRegistration): in its next poll, or pushed;"
            + " the registration ends as the message goes out")
    public Response cancel(@PathParam("venId") String venId) {
        return requests.cancel(venId) ? Response.accepted().build() : unknown(venId);
    }

    @POST
    @Path("/{venId}/hold")
    @Operation(summary = "Holds back the VEN's queued report requests and events: its polls get nothing to do until"
            + " the release, so a queue of several messages can be staged")
    public Response hold(@PathParam("venId") String venId) {
        return registry.hold(venId) ? Response.noContent().build() : unknown(venId);
    }

    @POST
    @Path("/{venId}/release")
    @Operation(summary = "Ends a hold: the VEN's next poll gets the first message queued")
    public Response release(@PathParam("venId") String venId) {
        return registry.release(venId)
                ? Response.noContent().build()
                : Response.status(Response.Status.NOT_FOUND)
                        .entity(new ApiError("not-held", "The deliveries of VEN " + venId + " are not held")).build();
    }

    private static Response unknown(String venId) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(new ApiError("unknown-ven", "No VEN " + venId + " is registered")).build();
    }
}
