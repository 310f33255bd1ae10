package io.gridflex.vtnsim.event;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Lets tests and the demo driver dispatch, change, cancel and withdraw (cancel implicitly) LOAD_DISPATCH events, and
 * see what VENs did.
 */
@Path("/admin/events")
@Tag(name = "Events", description = "LOAD_DISPATCH events this VTN distributes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventAdminResource {

    private final EventAdmin admin;

    public EventAdminResource(EventAdmin admin) {
        this.admin = admin;
    }

    @POST
    @Operation(summary = "Create an event; VENs receive it on their next poll")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "409", description = "No VEN is registered and none was named")
    public Response create(CreateEventRequest request) {
        EventView created = admin.create(request);
        return Response.created(URI.create("/admin/events/" + created.eventId())).entity(created).build();
    }

    @GET
    @Operation(summary = "All events, oldest first")
    public List<EventView> list() {
        return admin.list();
    }

    @GET
    @Path("{eventId}")
    @Operation(summary = "One event and what each targeted VEN received and answered")
    @APIResponse(responseCode = "200", description = "The event")
    @APIResponse(responseCode = "404", description = "No such event")
    public EventView get(@PathParam("eventId") String eventId) {
        return admin.get(eventId);
    }

    @PUT
    @Path("{eventId}")
    @Operation(summary = "Change the reduction and/or duration; the modificationNumber goes up by one")
    @APIResponse(responseCode = "200", description = "Modified")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "409", description = "The event is cancelled or over")
    public EventView modify(@PathParam("eventId") String eventId, ModifyEventRequest request) {
        return admin.modify(eventId, request);
    }

    @POST
    @Path("{eventId}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel an event; the modificationNumber goes up by one")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "409", description = "The event is cancelled or over already")
    public EventView cancel(@PathParam("eventId") String eventId) {
        return admin.cancel(eventId);
    }

    @POST
    @Path("{eventId}/withdraw")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel an event implicitly: every distribution from now on leaves it out, and its"
            + " modificationNumber stays; VENs that received it get a distribution without it")
    @APIResponse(responseCode = "200", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "409", description = "The event is cancelled or over already")
    public EventView withdraw(@PathParam("eventId") String eventId) {
        return admin.withdraw(eventId);
    }
}
