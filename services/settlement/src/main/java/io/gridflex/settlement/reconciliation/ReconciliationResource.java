package io.gridflex.settlement.reconciliation;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.settlement.api.Roles;
import io.gridflex.settlement.statement.StatementResource;
import io.gridflex.support.audit.Actors;
import io.smallrye.common.annotation.Blocking;

@Path("/api/statements/{id}/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statements")
@Blocking
public class ReconciliationResource {

    private final ReconciliationService service;
    private final Actors actors;

    public ReconciliationResource(ReconciliationService service, Actors actors) {
        this.service = service;
        this.actors = actors;
    }

    @POST
    @Consumes("text/csv")
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Import the utility's settlement file for a statement and compare it line by line", description = "CSV with a header naming event_id, site_id and delivered_mwh and/or amount (what the "
            + "utility pays for the line). Every line of either side is listed: MATCH, DIFFERENT (with "
            + "the utility's figure minus ours), ONLY_UTILITY or ONLY_OURS. The import is kept.")
    @APIResponse(responseCode = "201", description = "The comparison, differences first")
    @APIResponse(responseCode = "400", description = "The file is not as described; the message names the line")
    @APIResponse(responseCode = "404", description = "No such statement")
    public Response reconcile(@PathParam("id") String id, String csv) {
        Reconciliation result = service.reconcile(StatementResource.statementId(id), csv, actors.current());
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    @GET
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The statement's reconciliations, newest first, without their lines")
    @APIResponse(responseCode = "200", description = "The reconciliations")
    @APIResponse(responseCode = "404", description = "No such statement")
    public List<Reconciliation> list(@PathParam("id") String id) {
        return service.list(StatementResource.statementId(id));
    }

    @GET
    @Path("{reconciliationId}")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "One reconciliation with every line, differences first")
    @APIResponse(responseCode = "200", description = "The reconciliation")
    @APIResponse(responseCode = "404", description = "No such reconciliation of this statement")
    public Reconciliation reconciliation(@PathParam("id") String id,
            @PathParam("reconciliationId") String reconciliationId) {
        return service.find(StatementResource.statementId(id), StatementResource.statementId(reconciliationId));
    }
}
