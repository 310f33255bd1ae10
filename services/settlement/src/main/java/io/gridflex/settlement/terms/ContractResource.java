package io.gridflex.settlement.terms;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

@Path("/api/sites/{siteId}/contract")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Terms")
@Blocking
public class ContractResource {

    private final TermsRepository repository;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Actors actors;
    private final Clock clock;

    public ContractResource(TermsRepository repository, Transactions transactions, AuditLog audit, Actors actors,
            Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.audit = audit;
        this.actors = actors;
        this.clock = clock;
    }

    /** A site owner's contract: their share of what the site earns. */
    public record ContractRequest(BigDecimal ownerShare) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Store a new version of a site owner's contract (their share, 0..1)")
    @APIResponse(responseCode = "201", description = "The new version")
    @APIResponse(responseCode = "400", description = "No share, or not within [0, 1]")
    public Response contract(@PathParam("siteId") String siteId, ContractRequest request) {
        String id = Ids.check("site", siteId);
        BigDecimal share = request == null ? null : request.ownerShare();
        if (share == null || share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0 || share.scale() > 6) {
            throw ApiException.badRequest("invalid-contract", "ownerShare must be within [0, 1], at most 6 decimals");
        }
        Instant now = clock.instant();
        int version = transactions.inTransaction(connection -> {
            int stored = repository.insertContract(connection, id, share, actors.current().name(), now);
            audit.record(connection, actors.current(), "contract.create", "site/" + id, null,
                    Map.of("ownerShare", share, "version", stored), now);
            return stored;
        });
        return Response.status(Response.Status.CREATED)
                .entity(Map.of("siteId", id, "version", version, "ownerShare", share)).build();
    }
}
