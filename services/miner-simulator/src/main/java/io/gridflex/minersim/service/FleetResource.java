package io.gridflex.minersim.service;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;

/** Where the simulated miners are and what they draw. */
@Path("/api/fleets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleets", description = "Simulated miner fleets, one per site")
public class FleetResource {

    private static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final FleetRegistry registry;

    public FleetResource(FleetRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "Every simulated site with the API endpoint of each of its miners")
    public List<FleetViews.FleetSummary> list() {
        return registry.fleets().stream().map(FleetViews::summary).toList();
    }

    @GET
    @Path("/{siteId}")
    @Operation(summary = "One site's miners with state, draw and exact energy, plus site totals")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FleetViews.FleetDetail.class)))
    @APIResponse(responseCode = "400", description = "Malformed site id", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No fleet for that site", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response get(@PathParam("siteId") String siteId) {
        if (!SITE_ID.matcher(siteId).matches()) {
            return error(Response.Status.BAD_REQUEST, "invalid-site-id",
                    "a site id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return registry.fleet(siteId)
                .map(fleet -> Response.ok(FleetViews.detail(fleet, registry.meter(siteId).orElse(null))).build())
                .orElseGet(() -> unknownSite(siteId));
    }

    @GET
    @Path("/{siteId}/meter")
    @Operation(summary = "The site's Modbus meter: address, register map and the exact figures its registers hold")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FleetViews.MeterView.class)))
    @APIResponse(responseCode = "404", description = "No fleet or no meter for that site", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response meter(@PathParam("siteId") String siteId) {
        if (!SITE_ID.matcher(siteId).matches()) {
            return invalidSite();
        }
        if (registry.fleet(siteId).isEmpty()) {
            return unknownSite(siteId);
        }
        return registry.meter(siteId).map(m -> Response.ok(FleetViews.meter(m)).build())
                .orElseGet(() -> error(Response.Status.NOT_FOUND, "no-meter", "site '" + siteId + "' has no meter"));
    }

    /**
     * What a test flips on one miner at runtime; every field is optional and only the given ones change.
     *
     * @param misbehaviour NONE, HANG, GARBAGE, REFUSE_CREDENTIALS, SLOW or IGNORE_SHED
     * @param replyDelayMs how long a SLOW miner waits before answering
     * @param apiOffline connections closed without a reply
     * @param quirky cgminer-family reply quirks
     * @param writeAccess whether the API takes write commands (off: Whatsminer API v2 refuses them with code 45)
     */
    public record MinerFaults(String misbehaviour, Long replyDelayMs, Boolean apiOffline, Boolean quirky,
            Boolean writeAccess) {
    }

    @PUT
    @Path("/{siteId}/miners/{minerId}/misbehaviour")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sets how one miner misbehaves (hang, garbage, refused credentials, slow, ignored sheds, API write access)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FleetViews.MinerDetail.class)))
    @APIResponse(responseCode = "400", description = "Malformed id or unknown misbehaviour", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such site or miner", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response setMisbehaviour(@PathParam("siteId") String siteId, @PathParam("minerId") String minerId,
            MinerFaults faults) {
        if (!SITE_ID.matcher(siteId).matches() || !SITE_ID.matcher(minerId).matches()) {
            return invalidSite();
        }
        if (faults == null) {
            return error(Response.Status.BAD_REQUEST, "invalid-body", "expected a JSON object");
        }
        Misbehaviour kind = null;
        if (faults.misbehaviour() != null) {
            try {
                kind = Misbehaviour.valueOf(faults.misbehaviour().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return error(Response.Status.BAD_REQUEST, "invalid-misbehaviour",
                        "misbehaviour must be one of " + List.of(Misbehaviour.values()));
            }
        }
        if (faults.replyDelayMs() != null && faults.replyDelayMs() < 0) {
            return error(Response.Status.BAD_REQUEST, "invalid-reply-delay", "replyDelayMs must not be negative");
        }
        SimulatedFleet fleet = registry.fleet(siteId).orElse(null);
        if (fleet == null) {
            return unknownSite(siteId);
        }
        int index = fleet.miners().stream().map(m -> m.id()).toList().indexOf(minerId);
        if (index < 0) {
            return error(Response.Status.NOT_FOUND, "unknown-miner", "no miner '" + minerId + "' at " + siteId);
        }
        SimulatedMiner miner = fleet.miner(index);
        if (faults.replyDelayMs() != null) {
            miner.setReplyDelay(Duration.ofMillis(faults.replyDelayMs()));
        }
        if (kind != null) {
            miner.setMisbehaviour(kind);
        }
        if (faults.apiOffline() != null) {
            miner.setApiOffline(faults.apiOffline());
        }
        if (faults.quirky() != null) {
            miner.setQuirky(faults.quirky());
        }
        if (faults.writeAccess() != null) {
            miner.setWriteAccess(faults.writeAccess());
        }
        return Response.ok(FleetViews.miner(fleet, index)).build();
    }

    private static Response invalidSite() {
        return error(Response.Status.BAD_REQUEST, "invalid-site-id",
                "a site id is 1 to 64 letters, digits, '.', '_' or '-'");
    }

    private static Response unknownSite(String siteId) {
        return error(Response.Status.NOT_FOUND, "unknown-site", "no simulated fleet for site '" + siteId + "'");
    }

    private static Response error(Response.Status status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(error, detail)).build();
    }
}
