package io.gridflex.settlement.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import io.gridflex.settlement.statement.Hashes;
import io.gridflex.settlement.statement.Statement;
import io.gridflex.settlement.statement.StatementRepository;
import io.gridflex.settlement.statement.StatementResource;
import io.gridflex.support.audit.Actors;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;
import io.smallrye.common.annotation.Blocking;

@Path("/api/statements/{id}/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statements")
@Blocking
public class ReconciliationResource {

    /** A utility file larger than this is refused (about 80,000 rows of ordinary ids). */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    private final StatementRepository statements;
    private final ReconciliationRepository repository;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Actors actors;
    private final Clock clock;

    public ReconciliationResource(StatementRepository statements, ReconciliationRepository repository,
            Transactions transactions, AuditLog audit, Actors actors, Clock clock) {
        this.statements = statements;
        this.repository = repository;
        this.transactions = transactions;
        this.audit = audit;
        this.actors = actors;
        this.clock = clock;
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
        UUID statementId = StatementResource.statementId(id);
        if (csv != null && csv.length() > MAX_BYTES) {
            throw ApiException.badRequest("invalid-file", "the file is larger than " + MAX_BYTES + " bytes");
        }
        UtilityFile file;
        try {
            file = UtilityFile.parse(csv);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-file", e.getMessage());
        }
        Instant now = clock.instant();
        Reconciliation result = transactions.inTransaction(connection -> {
            Statement statement = statements.find(connection, statementId, true)
                    .orElseThrow(() -> ApiException.notFound("unknown-statement", "no statement " + id));
            Reconciliation reconciliation = Reconciliation.compare(UUID.randomUUID(), statement, file,
                    Hashes.sha256(csv),
                    actors.current().name(), now);
            repository.insert(connection, reconciliation);
            audit.record(connection, actors.current(), "statement.reconcile", "statement/" + statementId, null,
                    Map.of("reconciliationId", reconciliation.reconciliationId(), "rows",
                            reconciliation.utilityRows(), "differences", reconciliation.differences()),
                    now);
            return repository.find(connection, statementId, reconciliation.reconciliationId()).orElseThrow();
        });
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    @GET
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The statement's reconciliations, newest first, without their lines")
    @APIResponse(responseCode = "200", description = "The reconciliations")
    @APIResponse(responseCode = "404", description = "No such statement")
    public List<Reconciliation> list(@PathParam("id") String id) {
        UUID statementId = StatementResource.statementId(id);
        return transactions.read(connection -> {
            if (statements.find(connection, statementId, false).isEmpty()) {
                throw ApiException.notFound("unknown-statement", "no statement " + id);
            }
            return repository.list(connection, statementId);
        });
    }

    @GET
    @Path("{reconciliationId}")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "One reconciliation with every line, differences first")
    @APIResponse(responseCode = "200", description = "The reconciliation")
    @APIResponse(responseCode = "404", description = "No such reconciliation of this statement")
    public Reconciliation reconciliation(@PathParam("id") String id,
            @PathParam("reconciliationId") String reconciliationId) {
        UUID statementId = StatementResource.statementId(id);
        UUID wanted = StatementResource.statementId(reconciliationId);
        return transactions.read(connection -> repository.find(connection, statementId, wanted))
                .orElseThrow(() -> ApiException.notFound("unknown-reconciliation",
                        "statement " + id + " has no reconciliation " + reconciliationId));
    }
}
