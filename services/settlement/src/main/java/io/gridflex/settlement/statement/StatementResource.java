package io.gridflex.settlement.statement;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.settlement.api.Ids;
import io.gridflex.settlement.api.Roles;
import io.gridflex.support.audit.Actors;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.RequestParams;
import io.smallrye.common.annotation.Blocking;

@Path("/api/statements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statements")
@Blocking
public class StatementResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final StatementService service;
    private final StatementRepository repository;
    private final Transactions transactions;
    private final Actors actors;

    public StatementResource(StatementService service, StatementRepository repository, Transactions transactions,
            Actors actors) {
        this.service = service;
        this.repository = repository;
        this.transactions = transactions;
        this.actors = actors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Prepare a statement (a draft) for a program's billing period", description = "Computes "
            + "every event of the program starting in the period, at every site whose schedule held it, by the "
            + "program's newest terms, and stores the result. A second statement of the same period is a "
            + "correction: a new version that needs a reason; the earlier versions stay as they were.")
    @APIResponse(responseCode = "201", description = "The draft, with its lines")
    @APIResponse(responseCode = "400", description = "Missing or malformed fields, or a correction without a reason")
    @APIResponse(responseCode = "409", description = "The program has no settlement terms")
    public Response prepare(StatementRequest request) {
        if (request == null || request.program() == null || request.periodStart() == null
                || request.periodEnd() == null) {
            throw ApiException.badRequest("invalid-statement", "program, periodStart and periodEnd are required");
        }
        Statement statement = service.prepare(Ids.check("program", request.program()), request.periodStart(),
                request.periodEnd(), request.reason(), actors.current());
        return Response.status(Response.Status.CREATED).entity(statement).build();
    }

    @GET
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "Statements, newest period and version first, without their lines")
    @APIResponse(responseCode = "200", description = "The statements")
    public List<Statement> list(@QueryParam("program") String program, @QueryParam("limit") String limit) {
        String only = program == null ? null : Ids.check("program", program);
        int count = RequestParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return service.list(only, count);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "One statement with its lines")
    @APIResponse(responseCode = "200", description = "The statement")
    @APIResponse(responseCode = "404", description = "No such statement")
    public Statement statement(@PathParam("id") String id) {
        return service.find(statementId(id));
    }

    @GET
    @Path("{id}/lines.csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "A statement's lines as CSV")
    @APIResponse(responseCode = "200", description = "CSV with a header row")
    @APIResponse(responseCode = "404", description = "No such statement")
    public Response csv(@PathParam("id") String id) {
        return StatementFiles.csv(statement(id));
    }

    @GET
    @Path("{id}/statement.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "A statement as a printable PDF", description = "Who prepared, reviewed and approved it, "
            + "the totals, every line and the problems and notes of lines; the statement's id, version "
            + "and inputs hash on every page. A statement not yet approved says so on every page.")
    @APIResponse(responseCode = "200", description = "The PDF")
    @APIResponse(responseCode = "404", description = "No such statement")
    public Response pdf(@PathParam("id") String id) {
        return StatementFiles.pdf(statement(id));
    }

    @GET
    @Path("{id}/detail")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "How one line was computed: each shed episode's baseline (like days, adjustment) and the "
            + "event's figures interval by interval")
    @APIResponse(responseCode = "200", description = "The line's detail")
    @APIResponse(responseCode = "404", description = "No such statement or line")
    public JsonNode detail(@PathParam("id") String id, @QueryParam("event") String event,
            @QueryParam("site") String site) {
        UUID statementId = statementId(id);
        String eventId = Ids.check("event", event);
        String siteId = Ids.check("site", site);
        return transactions.read(connection -> repository.detail(connection, statementId, eventId, siteId))
                .orElseThrow(() -> ApiException.notFound("unknown-line",
                        "statement " + id + " has no line for event '" + eventId + "' at site '" + siteId + "'"));
    }

    @POST
    @Path("{id}/review")
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Mark a draft reviewed (not by the person who prepared it)")
    @APIResponse(responseCode = "200", description = "The reviewed statement")
    @APIResponse(responseCode = "403", description = "The caller prepared it")
    @APIResponse(responseCode = "409", description = "It is not a draft")
    public Statement review(@PathParam("id") String id) {
        return service.advance(statementId(id), Statement.Status.REVIEWED, actors.current());
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Approve a reviewed statement (not by the person who prepared it); it is final from then on")
    @APIResponse(responseCode = "200", description = "The approved statement")
    @APIResponse(responseCode = "403", description = "The caller prepared it")
    @APIResponse(responseCode = "409", description = "It is not reviewed")
    public Statement approve(@PathParam("id") String id) {
        return service.advance(statementId(id), Statement.Status.APPROVED, actors.current());
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Reject a draft or reviewed statement with the reason (not by the person who prepared it)", description = "A rejected statement is final and never paid; a correction (the next version) takes its "
            + "place.")
    @APIResponse(responseCode = "200", description = "The rejected statement")
    @APIResponse(responseCode = "400", description = "No reason, or one longer than 2048 characters")
    @APIResponse(responseCode = "403", description = "The caller prepared it")
    @APIResponse(responseCode = "409", description = "It is already approved or rejected")
    public Statement reject(@PathParam("id") String id, RejectionRequest request) {
        return service.reject(statementId(id), request == null ? null : request.reason(), actors.current());
    }

    @GET
    @Path("{id}/verification")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "Recompute a statement from the stored inputs and say whether every line gives the same "
            + "figures", description = "A moved inputs hash means the data behind the line changed after it was "
                    + "computed (late or corrected intervals, a new schedule revision, a new site contract).")
    @APIResponse(responseCode = "200", description = "The comparison")
    @APIResponse(responseCode = "404", description = "No such statement")
    public Verification verify(@PathParam("id") String id) {
        return service.verify(statementId(id));
    }

    /** A UUID from a path, or a 400 saying it is not one. */
    public static UUID statementId(String id) {
        String checked = Ids.check("statement", id);
        try {
            return UUID.fromString(checked);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-id", "a statement id is a UUID, not '" + id + "'");
        }
    }
}
