package io.gridflex.settlement.meter;

import java.math.BigDecimal;

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
import io.gridflex.settlement.api.Roles;
import io.gridflex.settlement.api.TimeRange;
import io.gridflex.settlement.terms.ProgramTerms;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.RequestParams;

@Path("/api/sites/{siteId}/quality")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR, Roles.OPERATOR})
@Tag(name = "Metering")
public class DataQualityResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final DataQualityQueries queries;
    private final MeterIntervalRepository intervals;
    private final SettlementConfig config;

    public DataQualityResource(DataQualityQueries queries, MeterIntervalRepository intervals,
            SettlementConfig config) {
        this.queries = queries;
        this.intervals = intervals;
        this.config = config;
    }

    @GET
    @Operation(summary = "What is wrong with a site's metering over [from, to)", description = "Gaps (spans "
            + "without any metered interval), intervals whose telemetry covered less of the site than the minimum "
            + "(statements leave them out and say so), and reports that conflicted with a stored interval (kept, "
            + "never stored over it). Each list holds the first `limit` findings; `count` is the whole number.")
    @APIResponse(responseCode = "200", description = "The findings")
    @APIResponse(responseCode = "400", description = "Missing or malformed range, range too long, minimum coverage "
            + "outside (0, 1], or limit out of range")
    @APIResponse(responseCode = "404", description = "No interval of this site was ever metered")
    public DataQuality quality(
            @PathParam("siteId") String siteId,
            @Parameter(description = "ISO-8601 UTC instant, inclusive", example = "2026-03-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 UTC instant, exclusive", example = "2026-03-02T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "Share (0..1] of the site an interval must cover; the program terms' default, "
                    + "0.95, when absent") @QueryParam("minimumSiteCoverage") String minimumSiteCoverage,
            @Parameter(description = "Findings listed per kind, 1 to 1000; 100 when absent") @QueryParam("limit") String limit) {
        TimeRange range = TimeRange.parse(from, to, config.api().maxIntervalRange());
        BigDecimal minimum = coverage(minimumSiteCoverage);
        int count = RequestParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        SiteIntervalResource.requireMetered(intervals, siteId);
        return queries.quality(siteId, range, minimum, count);
    }

    private static BigDecimal coverage(String value) {
        if (value == null) {
            return ProgramTerms.DEFAULT_SITE_COVERAGE;
        }
        try {
            BigDecimal minimum = new BigDecimal(value);
            if (minimum.signum() > 0 && minimum.compareTo(BigDecimal.ONE) <= 0) {
                return minimum;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid-coverage", "minimumSiteCoverage must be a number in (0, 1], not '"
                + value + "'");
    }
}
