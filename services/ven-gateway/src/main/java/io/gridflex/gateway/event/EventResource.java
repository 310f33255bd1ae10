package io.gridflex.gateway.event;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.RequestParams;

@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events")
@RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
public class EventResource {

    /** {@code <vtnID>/<eventID>}: two non-empty runs of printable ASCII without spaces, 256 characters at most. */
    private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7e&&[^/]]+/[\\x21-\\x7e]+");
    private static final int MAX_EVENT_ID_LENGTH = 256;

    private final EventRepository events;
    private final Transactions transactions;
    private final GatewayConfig.Api config;

    public EventResource(EventRepository events, Transactions transactions, GatewayConfig config) {
        this.events = events;
        this.transactions = transactions;
        this.config = config.api();
    }

    @GET
    @Operation(summary = "Recently received events, newest first, with what the gateway answered and published")
    @APIResponse(responseCode = "400", description = "limit is not a whole number in range")
    public List<EventView> recent(
            @QueryParam("limit") @Parameter(description = "how many, 1 to the maximum") String limit) {
        int count = RequestParams.limit(limit, config.eventsDefaultLimit(), config.eventsMaxLimit());
        return transactions.read(connection -> events.recent(connection, count));
    }

    @GET
    @Path("{eventId: .+}")
    @Operation(summary = "One event by its GridFlex id <vtnID>/<eventID>")
    @APIResponse(responseCode = "400", description = "malformed event id")
    @APIResponse(responseCode = "404", description = "no such event")
    public EventView get(@PathParam("eventId") String eventId) {
        if (eventId.length() > MAX_EVENT_ID_LENGTH || !EVENT_ID.matcher(eventId).matches()) {
            throw ApiException.badRequest("malformed-event-id", "an event id is <vtnID>/<eventID>: printable ASCII "
                    + "without spaces, at most " + MAX_EVENT_ID_LENGTH + " characters");
        }
        return transactions.read(connection -> events.find(connection, eventId))
                .orElseThrow(() -> ApiException.notFound("unknown-event", "no event " + eventId));
    }
}
