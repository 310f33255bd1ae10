package io.gridflex.dispatch.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.support.audit.AuditEntry;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.RequestParams;
import io.smallrye.common.annotation.Blocking;

@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
public class AuditResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final AuditLog audit;
    private final Transactions transactions;

    public AuditResource(AuditLog audit, Transactions transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    @GET
    @Blocking
    @Operation(summary = "The audit log", description = "Every change operators made (who, when, what, before and "
            + "after), newest first.")
    public List<AuditEntry> recent(
            @Parameter(description = "How many entries, 1 to 1000") @QueryParam("limit") String limit,
            @Parameter(description = "Only changes to this target, e.g. site/site-a") @QueryParam("target") String target) {
        int count = RequestParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        String only = target == null || target.isBlank() ? null : target;
        return transactions.read(connection -> audit.recent(connection, count, only));
    }
}
