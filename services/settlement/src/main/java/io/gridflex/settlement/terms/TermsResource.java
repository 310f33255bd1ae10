package io.gridflex.settlement.terms;

import java.time.Clock;
import java.time.Instant;

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

import io.gridflex.settlement.api.Ids;
import io.gridflex.settlement.api.Roles;
import io.gridflex.support.audit.Actors;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;
import io.smallrye.common.annotation.Blocking;

@Path("/api/programs/{program}/terms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Terms")
@Blocking
public class TermsResource {

    private final TermsRepository repository;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Actors actors;
    private final Clock clock;

    public TermsResource(TermsRepository repository, Transactions transactions, AuditLog audit, Actors actors,
            Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.audit = audit;
        this.actors = actors;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Store a new version of a program's settlement terms", description = "Terms are never "
            + "edited: each change is a new version, in force from its effectiveFrom day; an event is settled by the "
            + "version in force on its first day, and each statement line names the version it used.")
    @APIResponse(responseCode = "201", description = "The stored version")
    @APIResponse(responseCode = "400", description = "Every problem with the terms, in one message, or a currency "
            + "other than the program's")
    public Response create(@PathParam("program") String program, TermsRequest request) {
        String id = Ids.check("program", program);
        String actor = actors.current().name();
        Instant now = clock.instant();
        ProgramTerms stored = transactions.inTransaction(connection -> {
            int version = repository.nextVersion(connection, id);
            ProgramTerms terms = TermsValidator.validate(id, version, request, actor, now);
            var previous = repository.find(connection, id, null);
            if (previous.isPresent() && !previous.get().currency().equals(terms.currency())) {
                throw ApiException.badRequest("invalid-terms", "currency " + terms.currency() + " differs from "
                        + previous.get().currency() + " of the program's earlier terms: a statement is in one "
                        + "currency, so a program keeps its currency");
            }
            repository.insert(connection, terms);
            audit.record(connection, actors.current(), "terms.create", "program/" + id, null, terms, now);
            return terms;
        });
        return Response.status(Response.Status.CREATED).entity(stored).build();
    }

    @GET
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "A program's settlement terms: the newest version, or the one asked for")
    @APIResponse(responseCode = "200", description = "The terms")
    @APIResponse(responseCode = "404", description = "No terms for the program (or no such version)")
    public ProgramTerms terms(@PathParam("program") String program, @QueryParam("version") Integer version) {
        String id = Ids.check("program", program);
        return transactions.read(connection -> repository.find(connection, id, version))
                .orElseThrow(() -> ApiException.notFound("unknown-terms",
                        "no settlement terms for program '" + id + "'" + (version == null ? "" : " v" + version)));
    }
}
