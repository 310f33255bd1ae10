package io.gridflex.settlement.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

import io.gridflex.settlement.api.Ids;
import io.gridflex.settlement.api.Roles;
import io.gridflex.settlement.api.TimeRange;
import io.gridflex.support.web.ApiException;

@Path("/api/sites/{siteId}/schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR, Roles.OPERATOR})
@Tag(name = "Schedules")
public class SiteScheduleResource {

    private final ScheduleRepository repository;
    private final Clock clock;

    public SiteScheduleResource(ScheduleRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The schedule that governed a site at an instant: the highest revision issued by then, and "
            + "the segment in force")
    @APIResponse(responseCode = "200", description = "The governing revision; revision null when none was issued yet")
    @APIResponse(responseCode = "400", description = "at is not an ISO-8601 UTC instant")
    @APIResponse(responseCode = "404", description = "No schedule of this site was ever stored")
    public SiteScheduleAt schedule(
            @PathParam("siteId") String siteId,
            @Parameter(description = "ISO-8601 UTC instant; now when absent", example = "2026-03-02T10:30:00Z") @QueryParam("at") String at) {
        Instant instant = Optional.ofNullable(TimeRange.optionalInstant("at", at)).orElseGet(clock::instant);
        Ids.check("site", siteId);
        if (!repository.siteKnown(siteId)) {
            throw ApiException.notFound("unknown-site", "no schedule of site '" + siteId + "'");
        }
        return repository.governingAt(siteId, instant)
                .map(stored -> {
                    Revision revision = stored.revision();
                    Segment inForce = revision.segments().stream()
                            .filter(s -> !instant.isBefore(s.start()) && instant.isBefore(s.end()))
                            .findFirst().orElse(null);
                    return new SiteScheduleAt(siteId, instant, revision.revision(), revision.issuedAt(),
                            stored.receivedAt(), inForce, revision.segments());
                })
                .orElseGet(() -> new SiteScheduleAt(siteId, instant, null, null, null, null, List.of()));
    }
}
