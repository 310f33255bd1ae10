package io.gridflex.dispatch.registry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.live.LiveState;
import io.gridflex.dispatch.live.LiveStateRepository;
import io.gridflex.support.audit.Actors;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.ErrorBody;
import io.gridflex.support.web.RequestParams;
import io.smallrye.common.annotation.Blocking;

@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sites")
@RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
public class SiteResource {

    private final RegistryService registry;
    private final LiveStateRepository live;
    private final Transactions transactions;
    private final Actors actors;
    private final DispatchConfig config;
    private final Clock clock;

    public SiteResource(RegistryService registry, LiveStateRepository live, Transactions transactions,
            Actors actors, DispatchConfig config, Clock clock) {
        this.registry = registry;
        this.live = live;
        this.transactions = transactions;
        this.actors = actors;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Blocking
    @Operation(summary = "The fleet registry", description = "Every registered site with what its agent last "
            + "reported and whether that is fresh enough for it to take a share of an event.")
    public List<SiteView> list(@QueryParam("includeRemoved") boolean includeRemoved) {
        Map<String, LiveState> states = transactions.read(live::all);
        Instant now = clock.instant();
        return registry.sites(includeRemoved).stream().map(site -> view(site, states.get(site.siteId()), now))
                .toList();
    }

    @GET
    @Path("{siteId}")
    @Blocking
    @Operation(summary = "One site")
    @APIResponse(responseCode = "404", description = "No such site", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public SiteView get(@PathParam("siteId") String siteId) {
        String id = RequestParams.id("siteId", siteId);
        Site site = registry.site(id).orElseThrow(() -> RegistryService.unknownSite(id));
        return view(site, transactions.read(connection -> live.find(connection, id)).orElse(null), clock.instant());
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Register a site", description = "Its agent's telemetry is accepted from then on; it takes "
            + "a share of events of the programs it is enrolled in once it reports.")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "Invalid definition; detail names every problem", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "Already registered", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(SiteDraft draft) {
        Site site = registry.createSite(requireBody(draft), actors.current());
        return Response.created(URI.create("/api/sites/" + site.siteId())).entity(view(site, null, clock.instant()))
                .build();
    }

    @PUT
    @Path("{siteId}")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Change a site", description = "The whole definition, with the version read. Events at the "
            + "site are re-allocated against the new figures.")
    @APIResponse(responseCode = "400", description = "Invalid definition", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such site", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The version is not the current one", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public SiteView update(@PathParam("siteId") String siteId, SiteDraft draft) {
        String id = RequestParams.id("siteId", siteId);
        Site site = registry.updateSite(id, requireBody(draft), actors.current());
        return get(site.siteId());
    }

    @DELETE
    @Path("{siteId}")
    @Blocking
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Remove a site", description = "It takes no share any more, its share of events moves to "
            + "other sites, and its telemetry is refused. The record stays for history.")
    @APIResponse(responseCode = "404", description = "No such site", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public SiteView remove(@PathParam("siteId") String siteId) {
        return view(registry.removeSite(RequestParams.id("siteId", siteId), actors.current()), null,
                clock.instant());
    }

    private SiteView view(Site site, LiveState state, Instant now) {
        if (state == null) {
            return new SiteView(site, null, false, null);
        }
        return new SiteView(site, state, state.freshAt(now, config.sites().staleAfter()),
                Math.max(0, Duration.between(state.intervalEnd(), now).toSeconds()));
    }

    static <T> T requireBody(T body) {
        if (body == null) {
            throw io.gridflex.support.web.ApiException.badRequest("invalid-json", "a JSON body is required");
        }
        return body;
    }
}
