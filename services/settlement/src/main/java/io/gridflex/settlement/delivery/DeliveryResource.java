package io.gridflex.settlement.delivery;

import java.util.List;

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

import io.gridflex.settlement.api.Ids;
import io.gridflex.settlement.api.Roles;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.RequestParams;

@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR, Roles.OPERATOR})
@Tag(name = "Delivery")
public class DeliveryResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final DeliveryService service;

    public DeliveryResource(DeliveryService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The newest DR events, each with the energy its sites delivered for it", description = "Each event's total is the sum of its sites' rounded kWh; a site's figure is the event's "
            + "share of the energy the site delivered while its schedule held a contribution of the event.")
    @APIResponse(responseCode = "200", description = "Events, newest start first")
    @APIResponse(responseCode = "400", description = "limit out of range")
    public List<EventSummary> events(
            @Parameter(description = "How many events, 1.." + MAX_LIMIT + " (default "
                    + DEFAULT_LIMIT + ")") @QueryParam("limit") String limit) {
        return service.events(RequestParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    /** Event ids contain a slash ({@code <vtnId>/<vtnEventId>}), so the id may span path segments. */
    @GET
    @Path("{eventId: .+}/delivery")
    @Operation(summary = "Delivered energy of every site whose schedule held a contribution of an event", description = "Per site: the shed episodes that held the event with the baseline taken before each, the "
            + "windows in which the event's contribution was in force with its kW and its share of the "
            + "site's reduction, and per metered interval the site's delivered energy and the event's part. "
            + "Overlapping events at a site share each kWh by their kW: no kWh is counted for two of them.")
    @APIResponse(responseCode = "200", description = "The event's delivery, site by site")
    @APIResponse(responseCode = "404", description = "No such event")
    public EventDelivery delivery(@PathParam("eventId") String eventId) {
        Ids.check("event", eventId);
        return service.delivery(eventId)
                .orElseThrow(() -> ApiException.notFound("unknown-event", "no DR event '" + eventId + "'"));
    }
}
