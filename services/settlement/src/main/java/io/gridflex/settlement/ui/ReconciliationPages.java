package io.gridflex.settlement.ui;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.gridflex.settlement.api.Roles;
import io.gridflex.settlement.reconciliation.Reconciliation;
import io.gridflex.settlement.reconciliation.ReconciliationService;
import io.gridflex.settlement.statement.Statement;
import io.gridflex.settlement.statement.StatementResource;
import io.gridflex.settlement.statement.StatementService;
import io.gridflex.support.web.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * A statement against the utility's own settlement files: every file imported for it, one of them line by line
 * (differences first), and for a billing admin the upload of another file.
 */
@Path("/ui/statements/{id}/reconciliations")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Web pages")
@Blocking
public class ReconciliationPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance reconciliations(Page page, Statement statement, ZoneId zone,
                List<Reconciliation> imports,
                Reconciliation shown, boolean mayImport, String error);
    }

    private final StatementService statements;
    private final ReconciliationService reconciliations;
    private final ProgramZones zones;
    private final Pages pages;

    public ReconciliationPages(StatementService statements, ReconciliationService reconciliations, ProgramZones zones,
            Pages pages) {
        this.zones = zones;
        this.statements = statements;
        this.reconciliations = reconciliations;
        this.pages = pages;
    }

    @GET
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "A statement's reconciliations page", hidden = true)
    public Response page(@PathParam("id") String id, @QueryParam("show") String show,
            @CookieParam(Csrf.COOKIE) String cookie, @Context UriInfo uri) {
        Statement statement = statements.find(StatementResource.statementId(id));
        UUID wanted = show == null || show.isBlank() ? null : StatementResource.statementId(show);
        return render(statement, wanted, cookie, null, Response.Status.OK, uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Import the utility's file from the reconciliations page", hidden = true)
    public Response upload(@PathParam("id") String id, @RestForm("file") FileUpload file,
            @RestForm(Csrf.FIELD) String token, @CookieParam(Csrf.COOKIE) String cookie,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        Statement statement = statements.find(StatementResource.statementId(id));
        Reconciliation imported;
        try {
            pages.checkForm(token, cookie, headers, uri);
            imported = reconciliations.reconcile(statement.statementId(), read(file), pages.actor());
        } catch (ApiException refused) {
            return render(statement, null, cookie, refused.getMessage(), refused.status(), uri);
        }
        return Response.seeOther(URI.create("/ui/statements/" + statement.statementId() + "/reconciliations?show="
                + imported.reconciliationId())).build();
    }

    private Response render(Statement statement, UUID wanted, String cookie, String error, Response.Status status,
            UriInfo uri) {
        List<Reconciliation> imports = reconciliations.list(statement.statementId());
        UUID chosen = wanted != null
                ? wanted
                : imports.isEmpty() ? null : imports.getFirst().reconciliationId();
        Reconciliation shown = chosen == null ? null : reconciliations.find(statement.statementId(), chosen);
        Page page = pages.page(cookie, "Reconciliation of " + statement.program() + " " + statement.periodStart()
                + " v" + statement.version());
        return pages.html(status, Templates.reconciliations(page, statement, zones.of(statement), imports, shown,
                pages.hasRole(Roles.BILLING_ADMIN), error), page, uri);
    }

    private static String read(FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.badRequest("invalid-file", "choose the utility's CSV file to import");
        }
        if (file.size() > ReconciliationService.MAX_BYTES) {
            throw ApiException.badRequest("invalid-file",
                    "the file is larger than " + ReconciliationService.MAX_BYTES + " bytes");
        }
        try {
            return Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw ApiException.badRequest("invalid-file", "the file is not UTF-8 text");
        } catch (IOException e) {
            throw ApiException.badRequest("invalid-file", "the file could not be read: " + e.getMessage());
        }
    }
}
