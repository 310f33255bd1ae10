package io.gridflex.settlement.meter;

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
import io.gridflex.settlement.api.ApiException;
import io.gridflex.settlement.api.Roles;
import io.gridflex.settlement.api.TimeRange;

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

    @GET
    @Operation(summary = "Metered intervals of a site that overlap [from, to)")
    @APIResponse(responseCode = "200", description = "The intervals, in time order")
    @APIResponse(responseCode = "400", description = "Missing or malformed range, from not before to, or too long")
    @APIResponse(responseCode = "404", description = "No interval of this site was ever metered")
    public SiteIntervals intervals(
            @PathParam("siteId") String siteId,
            @Parameter(description = "ISO-8601 UTC instant, inclusive", example = "2026-03-02T10:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 UTC instant, exclusive", example = "2026-03-02T11:00:00Z") @QueryParam("to") String to) {
        TimeRange range = TimeRange.parse(from, to, config.api().maxIntervalRange());
        if (!repository.siteKnown(siteId)) {
            throw ApiException.notFound("no metered interval of site '" + siteId + "'");
        }
        return new SiteIntervals(siteId, range.from(), range.to(),
                repository.overlapping(siteId, range.from(), range.to()));
    }
}
