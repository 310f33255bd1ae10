package io.gridflex.settlement.ui;

import java.math.BigDecimal;
import java.net.URI;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

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

import io.gridflex.settlement.api.Ids;
import io.gridflex.settlement.api.Roles;
import io.gridflex.settlement.statement.Statement;
import io.gridflex.settlement.statement.StatementFiles;
import io.gridflex.settlement.statement.StatementLine;
import io.gridflex.settlement.statement.StatementRepository;
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

    private static final Set<String> LIST_COLUMNS = new LinkedHashSet<>(
            List.of("program", "period", "version", "status", "delivered", "net", "prepared"));
    private static final Map<String, Comparator<StatementLine>> LINE_ORDER = lineOrder();

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page page, List<Statement> statements, Table table, Zones zones,
                List<String> programs, String program, String status, List<Statement.Status> statuses);

        static native TemplateInstance detail(Page page, Statement statement, List<StatementLine> lines, Table table,
                ZoneId zone, boolean mayAdvance, boolean showAudit, String error);
    }

    private final StatementService service;
    private final ProgramZones zones;
    private final Pages pages;

    public StatementPages(StatementService service, ProgramZones zones, Pages pages) {
        this.service = service;
        this.zones = zones;
        this.pages = pages;
    }

    @GET
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The statements page", hidden = true)
    public Response list(@QueryParam("program") String program, @QueryParam("status") String status,
            @QueryParam("sort") String sort, @QueryParam("dir") String dir, @QueryParam("page") String pageNumber,
            @QueryParam("size") String size, @CookieParam(Csrf.COOKIE) String cookie, @Context UriInfo uri) {
        String onlyProgram = program == null || program.isBlank() ? null : Ids.check("program", program.strip());
        Statement.Status onlyStatus = status(status);
        Table table = Table.of(LIST_COLUMNS, "period", true, sort, dir, pageNumber, size);
        StatementService.Listing listing = service.page(onlyProgram, onlyStatus,
                table.orderBy(StatementRepository.SORTABLE, "program, period_start DESC, version DESC"), table.size(),
                table.offset());
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("program", onlyProgram);
        keep.put("status", onlyStatus == null ? null : onlyStatus.name());
        table = table.over(listing.total()).keeping(keep);
        Page page = pages.page(cookie, "Statements");
        return html(Response.Status.OK,
                Templates.list(page, listing.statements(), table, zones.all(), listing.programs(), onlyProgram,
                        onlyStatus == null ? null : onlyStatus.name(), List.of(Statement.Status.values())),
                page, uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "One statement's page", hidden = true)
    public Response statement(@PathParam("id") String id, @QueryParam("sort") String sort,
            @QueryParam("dir") String dir, @QueryParam("page") String pageNumber, @QueryParam("size") String size,
            @CookieParam(Csrf.COOKIE) String cookie, @Context UriInfo uri) {
        Statement statement = service.find(StatementResource.statementId(id));
        Table lines = Table.of(LINE_ORDER.keySet(), "event", false, sort, dir, pageNumber, size);
        return detail(statement, lines, cookie, null, Response.Status.OK, uri);
    }

    @POST
    @Path("{id}/review")
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Mark a draft reviewed from its page", hidden = true)
    public Response review(@PathParam("id") String id, @FormParam(Csrf.FIELD) String token,
            @CookieParam(Csrf.COOKIE) String cookie, @Context HttpHeaders headers, @Context UriInfo uri) {
        return act(id, token, cookie, headers, uri,
                statementId -> service.advance(statementId, Statement.Status.REVIEWED, pages.actor()));
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Approve a reviewed statement from its page", hidden = true)
    public Response approve(@PathParam("id") String id, @FormParam(Csrf.FIELD) String token,
            @CookieParam(Csrf.COOKIE) String cookie, @Context HttpHeaders headers, @Context UriInfo uri) {
        return act(id, token, cookie, headers, uri,
                statementId -> service.advance(statementId, Statement.Status.APPROVED, pages.actor()));
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Reject a draft or reviewed statement, with the reason, from its page", hidden = true)
    public Response reject(@PathParam("id") String id, @FormParam(Csrf.FIELD) String token,
            @FormParam("reason") String reason, @CookieParam(Csrf.COOKIE) String cookie, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        return act(id, token, cookie, headers, uri, statementId -> service.reject(statementId, reason, pages.actor()));
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

    /**
     * Does what a form of the statement's page asks (review, approve, reject) and shows the statement again (303), or
     * shows it with the refusal under its status code.
     */
    private Response act(String id, String token, String cookie, HttpHeaders headers, UriInfo uri,
            Consumer<UUID> action) {
        UUID statementId = StatementResource.statementId(id);
        try {
            pages.checkForm(token, cookie, headers, uri);
            action.accept(statementId);
        } catch (ApiException refused) {
            return refused(statementId, refused, cookie, uri);
        }
        return Response.seeOther(URI.create("/ui/statements/" + statementId)).build();
    }

    /** The statement's page again, with why what was asked was refused, under the refusal's status. */
    private Response refused(UUID statementId, ApiException refused, String cookie, UriInfo uri) {
        Table lines = Table.of(LINE_ORDER.keySet(), "event", false, null, null, null, null);
        return detail(service.find(statementId), lines, cookie, refused.body().detail(), refused.status(), uri);
    }

    private Response detail(Statement statement, Table lines, String cookie, String error, Response.Status status,
            UriInfo uri) {
        Page page = pages.page(cookie, "Statement " + statement.program() + " " + statement.periodStart() + " v"
                + statement.version());
        boolean mayAdvance = pages.hasRole(Roles.BILLING_ADMIN) && !statement.status().isFinal();
        boolean showAudit = pages.hasRole(Roles.AUDITOR) || pages.hasRole(Roles.BILLING_ADMIN);
        Table table = lines.over(statement.lines().size());
        return html(status, Templates.detail(page, statement, table.pageOf(statement.lines(), LINE_ORDER), table,
                zones.of(statement), mayAdvance, showAudit, error), page, uri);
    }

    private static Statement.Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Statement.Status.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-status", "a statement's status is one of "
                    + List.of(Statement.Status.values()) + ", not '" + status + "'");
        }
    }

    private static Map<String, Comparator<StatementLine>> lineOrder() {
        Map<String, Comparator<StatementLine>> order = new LinkedHashMap<>();
        Comparator<StatementLine> byKey = Comparator.comparing(StatementLine::eventId)
                .thenComparing(StatementLine::siteId);
        order.put("event", byKey);
        order.put("site", Comparator.comparing(StatementLine::siteId).thenComparing(StatementLine::eventId));
        order.put("status", Comparator.comparing(StatementLine::status).thenComparing(byKey));
        order.put("committed", decimal(StatementLine::committedMw).thenComparing(byKey));
        order.put("delivered", decimal(StatementLine::deliveredMwh).thenComparing(byKey));
        order.put("factor", decimal(StatementLine::factor).thenComparing(byKey));
        order.put("net", decimal(StatementLine::net).thenComparing(byKey));
        order.put("owner", decimal(StatementLine::owner).thenComparing(byKey));
        return order;
    }

    /** Absent figures (a line without a baseline) sort as the smallest. */
    private static Comparator<StatementLine> decimal(Function<StatementLine, BigDecimal> figure) {
        return Comparator.comparing(figure, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    private Response html(Response.Status status, TemplateInstance body, Page page, UriInfo uri) {
        return pages.html(status, body, page, uri);
    }
}
