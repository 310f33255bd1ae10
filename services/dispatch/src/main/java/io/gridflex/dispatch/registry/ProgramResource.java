package io.gridflex.dispatch.registry;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import io.gridflex.support.audit.Actors;
import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.ErrorBody;
import io.gridflex.support.web.RequestParams;
import io.smallrye.common.annotation.Blocking;

@Path("/api/programs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "programs")
@RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
public class ProgramResource {

    private final RegistryService registry;
    private final Actors actors;

    public ProgramResource(RegistryService registry, Actors actors) {
        this.registry = registry;
        this.actors = actors;
    }

    @GET
    @Blocking
    @Operation(summary = "Programs")
    public List<Program> list() {
        return registry.programs();
    }

    @GET
    @Path("{programId}")
    @Blocking
    @Operation(summary = "One program")
    @APIResponse(responseCode = "404", description = "No such program", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Program get(@PathParam("programId") String programId) {
        String id = RequestParams.id("programId", programId);
        return registry.program(id).orElseThrow(() -> RegistryService.unknownProgram(id));
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Register a program", description = "Its events are dispatched from then on; events of "
            + "programs not registered are refused.")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "Invalid definition", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "Already registered", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(ProgramDraft draft) {
        Program program = registry.createProgram(SiteResource.requireBody(draft), actors.current());
        return Response.created(URI.create("/api/programs/" + program.programId())).entity(program).build();
    }

    @PUT
    @Path("{programId}")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Change a program", description = "The whole definition, with the version read.")
    @APIResponse(responseCode = "409", description = "The version is not the current one", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Program update(@PathParam("programId") String programId, ProgramDraft draft) {
        return registry.updateProgram(RequestParams.id("programId", programId), SiteResource.requireBody(draft),
                actors.current());
    }

    @DELETE
    @Path("{programId}")
    @Blocking
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Delete a program", description = "Only once no site is enrolled in it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Sites are still enrolled", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public void delete(@PathParam("programId") String programId) {
        registry.deleteProgram(RequestParams.id("programId", programId), actors.current());
    }

    @GET
    @Path("{programId}/targets")
    @Blocking
    @Operation(summary = "The program's OpenADR resources and groups", description = "Each with the sites it stands "
            + "for.")
    public List<TargetMapping> targets(@PathParam("programId") String programId) {
        return registry.targets(RequestParams.id("programId", programId));
    }

    @PUT
    @Path("{programId}/targets/{kind}/{targetId}")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Map a resource or group to sites", description = "kind is resource or group; the body "
            + "lists the sites, each an active site enrolled in the program.")
    @APIResponse(responseCode = "400", description = "Unknown kind, or sites not enrolled", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public TargetMapping putTarget(@PathParam("programId") String programId, @PathParam("kind") String kind,
            @PathParam("targetId") String targetId, TargetSites body) {
        return registry.putTarget(RequestParams.id("programId", programId), kind(kind),
                RequestParams.id("targetId", targetId), SiteResource.requireBody(body).siteIds(), actors.current());
    }

    @DELETE
    @Path("{programId}/targets/{kind}/{targetId}")
    @Blocking
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Remove a resource or group")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such target", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public void deleteTarget(@PathParam("programId") String programId, @PathParam("kind") String kind,
            @PathParam("targetId") String targetId) {
        registry.deleteTarget(RequestParams.id("programId", programId), kind(kind),
                RequestParams.id("targetId", targetId), actors.current());
    }

    private static TargetKind kind(String kind) {
        try {
            return TargetKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-target", "kind must be resource or group, not " + kind);
        }
    }

    /** @param siteIds the sites a resource or group stands for */
    public record TargetSites(List<String> siteIds) {
    }
}
