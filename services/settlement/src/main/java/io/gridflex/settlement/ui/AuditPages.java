package io.gridflex.settlement.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.settlement.api.Ids;
import io.gridflex.settlement.api.Roles;
import io.gridflex.support.audit.AuditEntry;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/** The audit log: who stored terms and contracts and who prepared, reviewed and approved what, newest first. */
@Path("/ui/audit")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Web pages")
@Blocking
public class AuditPages {

    private static final int PAGE = 100;

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance audit(Page page, String target, List<AuditEntry> entries, Long before,
                String older);
    }

    private final AuditLog audit;
    private final Transactions transactions;
    private final Pages pages;

    public AuditPages(AuditLog audit, Transactions transactions, Pages pages) {
        this.audit = audit;
        this.transactions = transactions;
        this.pages = pages;
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.BILLING_ADMIN})
    @Operation(summary = "The audit log page", hidden = true)
    public Response log(@QueryParam("target") String target, @QueryParam("before") String before,
            @CookieParam(Csrf.COOKIE) String cookie, @Context UriInfo uri) {
        String only = target == null || target.isBlank() ? null : Ids.check("target", target.strip());
        Long until = entry(before);
        List<AuditEntry> entries = transactions.read(connection -> audit.recent(connection, PAGE + 1, only, until));
        String older = null;
        if (entries.size() > PAGE) {
            entries = entries.subList(0, PAGE);
            older = "before=" + entries.getLast().entryId()
                    + (only == null ? "" : "&target=" + URLEncoder.encode(only, StandardCharsets.UTF_8));
        }
        Page page = pages.page(cookie, only == null ? "Audit log" : "Audit trail of " + only);
        return pages.html(Response.Status.OK, Templates.audit(page, only, entries, until, older), page, uri);
    }

    private static Long entry(String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(before.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-before", "before is an entry number, not '" + before + "'");
        }
    }
}
