package io.gridflex.settlement.meter;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.settlement.SettlementConfig;
import io.gridflex.settlement.api.Ids;
import io.gridflex.settlement.api.Roles;
import io.gridflex.settlement.api.TimeRange;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.RequestParams;

@Path("/api/sites/{siteId}/intervals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR, Roles.OPERATOR})
@Tag(name = "Metering")
public class SiteIntervalResource {

    private final MeterIntervalRepository repository;
    private final SettlementConfig config;

    public SiteIntervalResource(MeterIntervalRepository repository, SettlementConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** A 400 for a malformed site id, a 404 for a site without any metered interval. */
    static void requireMetered(MeterIntervalRepository repository, String siteId) {
        Ids.check("site", siteId);
        if (!repository.siteKnown(siteId)) {
            throw ApiException.notFound("unknown-site", "no metered interval of site '" + siteId + "'");
        }
    }

    @GET
    @Operation(summary = "Metered intervals of a site that overlap [from, to), one page at a time")
    @APIResponse(responseCode = "200", description = "A page of intervals, in time order; nextAfter asks for the next")
    @APIResponse(responseCode = "400", description = "Missing or malformed range, from not before to, range too long, "
            + "malformed after or limit out of range")
    @APIResponse(responseCode = "404", description = "No interval of this site was ever metered")
    public SiteIntervals intervals(
            @PathParam("siteId") String siteId,
            @Parameter(description = "ISO-8601 UTC instant, inclusive", example = "2026-03-02T10:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 UTC instant, exclusive", example = "2026-03-02T11:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "Only intervals starting after this instant: the nextAfter of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Intervals per page, 1 to gridflex.settlement.api.max-interval-page-size") @QueryParam("limit") String limit) {
        TimeRange range = TimeRange.parse(from, to, config.api().maxIntervalRange());
        Instant afterStart = TimeRange.optionalInstant("after", after);
        int pageSize = RequestParams.limit(limit, config.api().intervalPageSize(), config.api().maxIntervalPageSize());
        requireMetered(repository, siteId);
        // One row more than asked tells whether another page follows without a second query.
        List<MeterInterval> rows = repository.page(siteId, range.from(), range.to(), afterStart, pageSize + 1);
        if (rows.size() <= pageSize) {
            return new SiteIntervals(siteId, range.from(), range.to(), rows, null);
        }
        List<MeterInterval> page = rows.subList(0, pageSize);
        return new SiteIntervals(siteId, range.from(), range.to(), List.copyOf(page),
                page.getLast().intervalStart());
    }
}
