package io.gridflex.gateway.vtnreport;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NoSuchElementException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.gateway.program.ProgramConnection;
import io.gridflex.gateway.program.Programs;
import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.ApiException;

@Path("/api/programs/{program}/vtn-reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vtn-reports")
@RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
public class VtnReportResource {

    private static final int MAX_READINGS = 10_000;

    private final Programs programs;

    public VtnReportResource(Programs programs) {
        this.programs = programs;
    }

    @GET
    @Operation(summary = "The VTN's own reports: what it offers under the current registration, and every request"
            + " of ours with its status")
    @APIResponse(responseCode = "404", description = "a program this gateway does not serve")
    public VtnReportViews.Overview overview(@PathParam("program") String program) {
        return VtnReportViews.Overview.of(desk(program).overview());
    }

    @GET
    @Path("/requests/{reportRequestId}/readings")
    @Operation(summary = "What the VTN reported for one request of ours, oldest interval first")
    @APIResponse(responseCode = "400", description = "a malformed from or limit")
    @APIResponse(responseCode = "404", description = "an unknown program or request")
    public List<VtnReportViews.Reading> readings(@PathParam("program") String program,
            @PathParam("reportRequestId") String reportRequestId, @QueryParam("from") String from,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > MAX_READINGS) {
            throw ApiException.badRequest("bad-limit", "limit is 1 to " + MAX_READINGS);
        }
        Instant since = null;
        if (from != null) {
            try {
                since = Instant.parse(from);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("bad-from", "from is an ISO-8601 UTC instant, got " + from);
            }
        }
        try {
            return desk(program).readings(reportRequestId, since, limit).stream().map(VtnReportViews.Reading::of)
                    .toList();
        } catch (NoSuchElementException e) {
            throw ApiException.notFound("unknown-report-request", e.getMessage());
        }
    }

    @POST
    @Path("/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Ask the VTN for reports it offers, in one oadrCreateReport", description = "Each report is"
            + " named by its reportSpecifierId or by what it delivers (TELEMETRY_USAGE); PT0S reportBack asks for"
            + " one report only.")
    @APIResponse(responseCode = "201", description = "Sent; the requests as the VTN's answer left them (ACTIVE when"
            + " it takes them, REFUSED with its reason when not)")
    @APIResponse(responseCode = "400", description = "a malformed request, or one the VTN's offer cannot serve;"
            + " nothing was sent")
    @APIResponse(responseCode = "404", description = "a program this gateway does not serve")
    @APIResponse(responseCode = "409", description = "the program is not registered")
    @APIResponse(responseCode = "502", description = "the VTN could not be reached")
    public Response request(@PathParam("program") String program, VtnReportViews.RequestBody body) {
        VtnReportDesk desk = desk(program);
        if (body == null || body.reports() == null || body.reports().isEmpty()) {
            throw ApiException.badRequest("no-reports", "name at least one report in reports[]");
        }
        List<WantedReport> wanted = body.reports().stream().map(VtnReportResource::wanted).toList();
        try {
            List<VtnReportViews.Request> made = desk.operator().request(wanted).stream().map(VtnReportViews.Request::of)
                    .toList();
            return Response.status(Response.Status.CREATED).entity(made).build();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("not-offered", e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict("not-registered", e.getMessage());
        } catch (VtnReportException e) {
            throw new ApiException(Response.Status.BAD_GATEWAY, "vtn-request-failed", e.getMessage());
        }
    }

    @DELETE
    @Path("/requests/{reportRequestId}")
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Cancel a request of ours (oadrCancelReport, no report to follow)")
    @APIResponse(responseCode = "200", description = "Cancelled: the request, CANCELLED")
    @APIResponse(responseCode = "404", description = "an unknown program or request")
    @APIResponse(responseCode = "409", description = "the request has already ended")
    @APIResponse(responseCode = "502", description = "the VTN refused or could not be reached; the request stays")
    public VtnReportViews.Request cancel(@PathParam("program") String program,
            @PathParam("reportRequestId") String reportRequestId) {
        try {
            return VtnReportViews.Request.of(desk(program).operator().cancel(reportRequestId));
        } catch (NoSuchElementException e) {
            throw ApiException.notFound("unknown-report-request", e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict("report-request-ended", e.getMessage());
        } catch (VtnReportException e) {
            throw new ApiException(Response.Status.BAD_GATEWAY, "vtn-cancel-failed", e.getMessage());
        }
    }

    private VtnReportDesk desk(String program) {
        return programs.find(program).map(ProgramConnection::reports).orElseThrow(
                () -> ApiException.notFound("unknown-program", "no program " + program + " on this gateway"))
                .vtnReports();
    }

    private static WantedReport wanted(VtnReportViews.Wanted wanted) {
        if (wanted == null || wanted.report() == null || wanted.report().isBlank()) {
            throw ApiException.badRequest("no-report", "each entry of reports[] names a report");
        }
        return new WantedReport(wanted.report().strip(), wanted.rIds(), duration("granularity", wanted.granularity()),
                duration("reportBack", wanted.reportBack()));
    }

    private static Duration duration(String field, String text) {
        if (text == null) {
            return Duration.ZERO;
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw ApiException.badRequest("bad-" + field, field + " is not negative");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("bad-" + field, field + " is an ISO-8601 duration such as PT1M, got "
                    + text);
        }
    }
}
