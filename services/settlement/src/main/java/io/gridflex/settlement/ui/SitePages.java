package io.gridflex.settlement.ui;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import io.gridflex.settlement.meter.MeteredSite;
import io.gridflex.settlement.meter.MeteredSites;
import io.gridflex.settlement.statement.SitePayouts;
import io.gridflex.settlement.terms.TermsRepository;
import io.gridflex.support.db.Transactions;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * The sites pages: every metered site, a page at a time in id order, and one site with its owner's contracted share
 * and what each statement version pays its owner (approved versions marked; a later version replaces an earlier one
 * of the same program and period).
 */
@Path("/ui/sites")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Web pages")
@Blocking
public class SitePages {

    private static final int PAGE = 100;
    /** The most statement versions read for one site's payouts. */
    private static final int PAYOUTS = 5000;
    private static final Map<String, Comparator<SitePayouts.Payout>> PAYOUT_ORDER = payoutOrder();

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page page, List<MeteredSite> sites, String next, boolean unknownOnly,
                boolean later);

        static native TemplateInstance site(Page page, String siteId, BigDecimal contractedShare,
                List<SitePayouts.Payout> payouts, Table table);
    }

    private final MeteredSites sites;
    private final SitePayouts payouts;
    private final TermsRepository terms;
    private final Transactions transactions;
    private final Pages pages;

    public SitePages(MeteredSites sites, SitePayouts payouts, TermsRepository terms, Transactions transactions,
            Pages pages) {
        this.sites = sites;
        this.payouts = payouts;
        this.terms = terms;
        this.transactions = transactions;
        this.pages = pages;
    }

    @GET
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The sites page", hidden = true)
    public Response list(@QueryParam("after") String after, @QueryParam("unknown") String unknown,
            @CookieParam(Csrf.COOKIE) String cookie, @Context UriInfo uri) {
        String from = after == null || after.isBlank() ? null : Ids.check("after", after);
        boolean unknownOnly = "true".equals(unknown);
        List<MeteredSite> found = sites.list(from, unknownOnly, PAGE + 1);
        String next = null;
        if (found.size() > PAGE) {
            found = found.subList(0, PAGE);
            next = "after=" + URLEncoder.encode(found.getLast().siteId(), StandardCharsets.UTF_8)
                    + (unknownOnly ? "&unknown=true" : "");
        }
        Page page = pages.page(cookie, "Sites");
        return pages.html(Response.Status.OK, Templates.list(page, found, next, unknownOnly, from != null), page,
                uri);
    }

    @GET
    @Path("{siteId}")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "One site's page", hidden = true)
    public Response site(@PathParam("siteId") String siteId, @QueryParam("sort") String sort,
            @QueryParam("dir") String dir, @QueryParam("page") String pageNumber, @QueryParam("size") String size,
            @CookieParam(Csrf.COOKIE) String cookie, @Context UriInfo uri) {
        String id = Ids.check("site", siteId);
        Table table = Table.of(PAYOUT_ORDER.keySet(), "period", true, sort, dir, pageNumber, size);
        Optional<BigDecimal> share = transactions.read(connection -> terms.ownerShare(connection, id));
        List<SitePayouts.Payout> all = payouts.of(id, PAYOUTS);
        table = table.over(all.size());
        Page page = pages.page(cookie, "Site " + id);
        return pages.html(Response.Status.OK,
                Templates.site(page, id, share.orElse(null), table.pageOf(all, PAYOUT_ORDER), table), page, uri);
    }

    private static Map<String, Comparator<SitePayouts.Payout>> payoutOrder() {
        Comparator<SitePayouts.Payout> byStatement = Comparator.comparing(SitePayouts.Payout::program)
                .thenComparing(SitePayouts.Payout::periodStart).thenComparingInt(SitePayouts.Payout::version);
        Map<String, Comparator<SitePayouts.Payout>> order = new LinkedHashMap<>();
        order.put("program", byStatement);
        order.put("period", Comparator.comparing(SitePayouts.Payout::periodStart).thenComparing(byStatement));
        order.put("status", Comparator.comparing(SitePayouts.Payout::status).thenComparing(byStatement));
        order.put("events", Comparator.comparingInt(SitePayouts.Payout::lines).thenComparing(byStatement));
        order.put("net", Comparator.comparing(SitePayouts.Payout::net).thenComparing(byStatement));
        order.put("owner", Comparator.comparing(SitePayouts.Payout::owner).thenComparing(byStatement));
        return order;
    }
}
