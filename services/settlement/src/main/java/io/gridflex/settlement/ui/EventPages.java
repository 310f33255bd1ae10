package io.gridflex.settlement.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
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
import io.gridflex.settlement.event.EventRepository;
import io.gridflex.settlement.event.SettlementEvent;
import io.gridflex.settlement.method.BaselineInterval;
import io.gridflex.settlement.statement.ComputedLine;
import io.gridflex.settlement.statement.LineCalculator;
import io.gridflex.settlement.statement.LineComputation;
import io.gridflex.settlement.terms.TermsInForce;
import io.gridflex.settlement.terms.TermsRepository;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * The events pages: a list filtered by program, a page at a time (newest first), and one event as its program's
 * terms settle it right now: per site the status, committed MW, delivered MWh and performance factor, the program's
 * totals, and baseline against actual kW for the program and for a chosen site. Nothing is stored by looking.
 */
@Path("/ui/events")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Web pages")
@Blocking
public class EventPages {

    private static final int PAGE = 50;

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page page, String program, List<SettlementEvent> events, String next,
                Zones zones);

        static native TemplateInstance detail(Page page, SettlementEvent event, ZoneId zone, List<SiteRow> sites,
                Totals totals, KwChart chart, String chartSite, KwChart siteChart, String error);
    }

    /** One site's line of the event. */
    public record SiteRow(String siteId, String status, String method, BigDecimal committedMw,
            BigDecimal deliveredMwh, BigDecimal factor, String problem) {
    }

    /**
     * The program's figures for the event.
     *
     * @param factor the sites' performance factors weighted by their committed MWh
     */
    public record Totals(BigDecimal committedMw, BigDecimal deliveredMwh, BigDecimal committedMwh,
            BigDecimal factor) {
    }

    private final EventRepository events;
    private final TermsRepository terms;
    private final LineComputation computation;
    private final Transactions transactions;
    private final ProgramZones zones;
    private final Pages pages;

    public EventPages(EventRepository events, TermsRepository terms, LineComputation computation,
            Transactions transactions, ProgramZones zones, Pages pages) {
        this.events = events;
        this.zones = zones;
        this.terms = terms;
        this.computation = computation;
        this.transactions = transactions;
        this.pages = pages;
    }

    @GET
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The events page", hidden = true)
    public Response list(@QueryParam("program") String program, @QueryParam("afterStart") String afterStart,
            @QueryParam("afterEvent") String afterEvent, @CookieParam(Csrf.COOKIE) String cookie,
            @Context UriInfo uri) {
        String only = program == null || program.isBlank() ? null : Ids.check("program", program.strip());
        Instant after = afterStart == null || afterStart.isBlank() ? null : instant(afterStart);
        List<SettlementEvent> page = events.page(only, after, after == null ? null : afterEvent, PAGE + 1);
        String next = null;
        if (page.size() > PAGE) {
            page = page.subList(0, PAGE);
            SettlementEvent last = page.getLast();
            next = "afterStart=" + last.start() + "&afterEvent=" + encode(last.eventId())
                    + (only == null ? "" : "&program=" + encode(only));
        }
        Page frame = pages.page(cookie, "Events");
        return pages.html(Response.Status.OK, Templates.list(frame, only, page, next, zones.all()), frame,
                uri);
    }

    @GET
    @Path("{eventId: .+}")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "One event's page", hidden = true)
    public Response event(@PathParam("eventId") String eventId, @QueryParam("site") String site,
            @CookieParam(Csrf.COOKIE) String cookie, @Context UriInfo uri) {
        SettlementEvent event = events.find(Ids.check("event", eventId))
                .orElseThrow(() -> ApiException.notFound("unknown-event", "no event " + eventId));
        TermsInForce inForce = transactions.read(connection -> terms.all(connection, event.program()));
        ZoneId zone = inForce.newest().map(t -> t.timeZone()).orElse(Zones.UTC);
        List<ComputedLine> lines = List.of();
        String error = null;
        if (inForce.newest().isEmpty()) {
            error = "program " + event.program() + " has no settlement terms yet: nothing can be settled";
        } else {
            try {
                lines = computation.forEvents(inForce, List.of(event), Map.of());
            } catch (ApiException refused) {
                error = refused.getMessage();
            }
        }
        List<SiteRow> rows = new ArrayList<>();
        List<List<BaselineInterval>> baselines = new ArrayList<>();
        List<BaselineInterval> chosen = null;
        for (ComputedLine line : lines) {
            var performance = Optional.ofNullable(line.performance());
            rows.add(new SiteRow(line.siteId(), line.status(), line.method(), line.committedMw(),
                    performance.map(p -> p.deliveredMwh()).orElse(null),
                    performance.map(p -> p.factor()).orElse(null), line.problem()));
            List<BaselineInterval> intervals = baselineIntervals(line);
            baselines.add(intervals);
            if (line.siteId().equals(site)) {
                chosen = intervals;
            }
        }
        Page page = pages.page(cookie, "Event " + event.eventId());
        return pages.html(Response.Status.OK, Templates.detail(page, event, zone, rows, totals(lines),
                KwChart.summed(baselines), site, chosen == null ? null : KwChart.summed(List.of(chosen)), error),
                page, uri);
    }

    private static List<BaselineInterval> baselineIntervals(ComputedLine line) {
        List<BaselineInterval> intervals = new ArrayList<>();
        for (LineCalculator.EpisodeDetail episode : line.episodes()) {
            intervals.addAll(episode.baseline().intervals());
        }
        return intervals;
    }

    private static Totals totals(List<ComputedLine> lines) {
        BigDecimal committedMw = BigDecimal.ZERO;
        BigDecimal delivered = BigDecimal.ZERO;
        BigDecimal committedMwh = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (ComputedLine line : lines) {
            committedMw = committedMw.add(line.committedMw());
            if (line.performance() != null) {
                delivered = delivered.add(line.performance().deliveredMwh());
                committedMwh = committedMwh.add(line.performance().committedMwh());
                weighted = weighted.add(line.performance().factor().multiply(line.performance().committedMwh()));
            }
        }
        BigDecimal factor = committedMwh.signum() == 0
                ? null
                : weighted.divide(committedMwh, 6, RoundingMode.HALF_EVEN);
        return new Totals(committedMw, delivered, committedMwh, factor);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("invalid-instant", "afterStart must be an ISO-8601 instant: " + text);
        }
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
