package io.gridflex.settlement.ui;

import java.net.URI;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.settlement.api.Roles;
import io.gridflex.settlement.statement.Statement;
import io.gridflex.settlement.statement.StatementFiles;
import io.gridflex.settlement.statement.StatementResource;
import io.gridflex.settlement.statement.StatementService;
import io.gridflex.support.web.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * The billing staff's statement pages: the list, one statement with its lines, review and approval (not by whoever
 * prepared it), and the CSV and PDF. Logged in through Keycloak (the {@code ui} OIDC tenant, authorization code);
 * every form carries a {@link Csrf} token. What a page may show or do is the API's rule for the same role.
 */
@Path("/ui/statements")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Web pages")
@Blocking
public class StatementPages {

    private static final int LIST_LIMIT = 500;

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page page, List<Statement> statements);

        static native TemplateInstance detail(Page page, Statement statement, boolean mayAdvance, boolean showAudit,
                String error);
    }

    private final StatementService service;
    private final Pages pages;

    public StatementPages(StatementService service, Pages pages) {
        this.service = service;
        this.pages = pages;
    }

    @GET
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The statements page", hidden = true)
    public Response list(@CookieParam(Csrf.COOKIE) String cookie, @Context UriInfo uri) {
        List<Statement> statements = service.list(null, LIST_LIMIT);
        Page page = pages.page(cookie, "Statements");
        return html(Response.Status.OK, Templates.list(page, statements), page, uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "One statement's page", hidden = true)
    public Response statement(@PathParam("id") String id, @CookieParam(Csrf.COOKIE) String cookie,
            @Context UriInfo uri) {
        Statement statement = service.find(StatementResource.statementId(id));
        return detail(statement, cookie, null, Response.Status.OK, uri);
    }

    @POST
    @Path("{id}/review")
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Mark a draft reviewed from its page", hidden = true)
    public Response review(@PathParam("id") String id, @FormParam(Csrf.FIELD) String token,
            @CookieParam(Csrf.COOKIE) String cookie, @Context HttpHeaders headers, @Context UriInfo uri) {
        return advance(id, Statement.Status.REVIEWED, token, cookie, headers, uri);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Approve a reviewed statement from its page", hidden = true)
    public Response approve(@PathParam("id") String id, @FormParam(Csrf.FIELD) String token,
            @CookieParam(Csrf.COOKIE) String cookie, @Context HttpHeaders headers, @Context UriInfo uri) {
        return advance(id, Statement.Status.APPROVED, token, cookie, headers, uri);
    }

    @GET
    @Path("{id}/lines.csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "A statement's lines as CSV, downloaded from its page", hidden = true)
    public Response csv(@PathParam("id") String id) {
        return StatementFiles.csv(service.find(StatementResource.statementId(id)));
    }

    @GET
    @Path("{id}/statement.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "A statement's PDF, downloaded from its page", hidden = true)
    public Response pdf(@PathParam("id") String id) {
        return StatementFiles.pdf(service.find(StatementResource.statementId(id)));
    }

    /** Moves the statement on and shows it again (303), or shows it with the refusal and its status code. */
    private Response advance(String id, Statement.Status to, String token, String cookie, HttpHeaders headers,
            UriInfo uri) {
        UUID statementId = StatementResource.statementId(id);
        try {
            pages.checkForm(token, cookie, headers, uri);
            service.advance(statementId, to, pages.actor());
        } catch (ApiException refused) {
            return detail(service.find(statementId), cookie, refused.body().detail(), refused.status(), uri);
        }
        return Response.seeOther(URI.create("/ui/statements/" + statementId)).build();
    }

    private Response detail(Statement statement, String cookie, String error, Response.Status status, UriInfo uri) {
        Page page = pages.page(cookie, "Statement " + statement.program() + " " + statement.periodStart() + " v"
                + statement.version());
        boolean mayAdvance = pages.hasRole(Roles.BILLING_ADMIN)
                && statement.status() != Statement.Status.APPROVED;
        boolean showAudit = pages.hasRole(Roles.AUDITOR) || pages.hasRole(Roles.BILLING_ADMIN);
        return html(status, Templates.detail(page, statement, mayAdvance, showAudit, error), page, uri);
    }

    private Response html(Response.Status status, TemplateInstance body, Page page, UriInfo uri) {
        return pages.html(status, body, page, uri);
    }
}
