package io.gridflex.settlement.ui;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.settlement.api.Roles;
import io.gridflex.settlement.statement.Statement;
import io.gridflex.settlement.statement.StatementResource;
import io.gridflex.settlement.statement.StatementService;
import io.gridflex.support.web.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * A statement's versions: every version of its program and period, two of them side by side line by line (by default
 * this one against the one before it), and for a billing admin the form that prepares a correction, a new version
 * computed from the data stored now, with the reason it needs.
 */
@Path("/ui/statements/{id}/versions")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Web pages")
@Blocking
public class StatementVersionPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance versions(Page page, Statement statement, ZoneId zone, List<Statement> versions,
                VersionDiff diff, boolean mayCorrect, String reason, String error);
    }

    private final StatementService service;
    private final ProgramZones zones;
    private final Pages pages;

    public StatementVersionPages(StatementService service, ProgramZones zones, Pages pages) {
        this.service = service;
        this.zones = zones;
        this.pages = pages;
    }

    @GET
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "A statement's versions and their differences", hidden = true)
    public Response versions(@PathParam("id") String id, @QueryParam("with") String with,
            @CookieParam(Csrf.COOKIE) String cookie, @Context UriInfo uri) {
        Statement statement = service.find(StatementResource.statementId(id));
        return page(statement, with, cookie, null, null, Response.Status.OK, uri);
    }

    @POST
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Prepare a correction of a statement from its page", hidden = true)
    public Response correct(@PathParam("id") String id, @FormParam("reason") String reason,
            @FormParam(Csrf.FIELD) String token, @CookieParam(Csrf.COOKIE) String cookie,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        Statement statement = service.find(StatementResource.statementId(id));
        Statement correction;
        try {
            pages.checkForm(token, cookie, headers, uri);
            if (reason == null || reason.isBlank()) {
                throw ApiException.badRequest("reason-required", "a correction needs a reason: say what changed");
            }
            correction = service.prepare(statement.program(), statement.periodStart(), statement.periodEnd(),
                    reason.strip(), pages.actor());
        } catch (ApiException refused) {
            return page(statement, null, cookie, reason, refused.getMessage(), refused.status(), uri);
        }
        return Response.seeOther(URI.create("/ui/statements/" + correction.statementId())).build();
    }

    private Response page(Statement statement, String with, String cookie, String reason, String error,
            Response.Status status, UriInfo uri) {
        List<Statement> versions = service.versions(statement);
        VersionDiff diff = diff(statement, versions, with);
        Page page = pages.page(cookie, "Versions of " + statement.program() + " " + statement.periodStart() + " – "
                + statement.periodEnd());
        return pages.html(status, Templates.versions(page, statement, zones.of(statement), versions, diff,
                pages.hasRole(Roles.BILLING_ADMIN), reason, error), page, uri);
    }

    /** This version against {@code with}, or against the version before it; older on the left. */
    private VersionDiff diff(Statement statement, List<Statement> versions, String with) {
        UUID other = null;
        if (with != null && !with.isBlank()) {
            other = StatementResource.statementId(with);
        } else {
            other = versions.stream().filter(v -> v.version() == statement.version() - 1).findFirst()
                    .map(Statement::statementId).orElse(null);
        }
        if (other == null || other.equals(statement.statementId())) {
            return null;
        }
        UUID chosen = other;
        if (versions.stream().noneMatch(v -> v.statementId().equals(chosen))) {
            throw ApiException.badRequest("not-a-version", "statement " + chosen + " is not a version of "
                    + statement.program() + " " + statement.periodStart() + " – " + statement.periodEnd());
        }
        Statement compared = service.find(chosen);
        return compared.version() < statement.version()
                ? VersionDiff.of(compared, statement)
                : VersionDiff.of(statement, compared);
    }
}
