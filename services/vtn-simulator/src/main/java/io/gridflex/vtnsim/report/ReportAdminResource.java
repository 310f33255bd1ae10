package io.gridflex.vtnsim.report;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lets tests ask VENs for reports, cancel them and read what the VENs sent. */
@Path("/admin/reports")
@Tag(name = "Reports", description = "Reports this VTN asks VENs for, and what they send")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportAdminResource {

    private final ReportAdmin admin;

    public ReportAdminResource(ReportAdmin admin) {
        this.admin = admin;
    }

    @PUT
    @Path("on-registration")
    @Operation(summary = "The reports to ask of every VEN in the oadrRegisteredReport answering its metadata")
    @APIResponse(responseCode = "200", description = "Set")
    @APIResponse(responseCode = "400", description = "Invalid script")
    public ReportScript script(ReportScript script) {
        return admin.script(script);
    }

    @POST
    @Path("requests")
    @Operation(summary = "Ask a VEN for a report: an oadrCreateReport in the reply to its next poll")
    @APIResponse(responseCode = "201", description = "Queued")
    @APIResponse(responseCode = "400", description = "Invalid request or unknown VEN")
    @APIResponse(responseCode = "409", description = "The VEN offered no report of that name")
    public Response create(CreateReportRequest request) {
        ReportRequestView created = admin.create(request);
        return Response.created(URI.create("/admin/reports/requests/" + created.reportRequestId())).entity(created)
                .build();
    }

    @POST
    @Path("requests/batch")
    @Operation(summary = "Ask one VEN for several reports in one oadrCreateReport, in the reply to its next poll")
    @APIResponse(responseCode = "201", description = "Queued, the requests in the order given")
    @APIResponse(responseCode = "400", description = "An invalid request, an unknown VEN, or several VENs")
    @APIResponse(responseCode = "409", description = "The VEN offered no report of one of the names")
    public Response createAll(List<CreateReportRequest> requests) {
        return Response.status(Response.Status.CREATED).entity(admin.createAll(requests)).build();
    }

    @GET
    @Path("requests/{reportRequestId}")
    @Operation(summary = "One report request and what the VEN made of it")
    @APIResponse(responseCode = "404", description = "No such request")
    public ReportRequestView get(@PathParam("reportRequestId") String reportRequestId) {
        return admin.get(reportRequestId);
    }

    @GET
    @Path("requests/{reportRequestId}/received")
    @Operation(summary = "The reports the VEN sent for one request, oldest first")
    @APIResponse(responseCode = "404", description = "No such request")
    public List<ReceivedReport> received(@PathParam("reportRequestId") String reportRequestId) {
        return admin.received(reportRequestId);
    }

    @POST
    @Path("requests/{reportRequestId}/repeat")
    @Operation(summary = "Send a request's oadrCreateReport again, unchanged, in the reply to the VEN's next poll")
    @APIResponse(responseCode = "200", description = "Queued")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "The request came with an oadrRegisteredReport")
    @Consumes(MediaType.WILDCARD)
    public ReportRequestView repeat(@PathParam("reportRequestId") String reportRequestId) {
        return admin.repeat(reportRequestId);
    }

    @POST
    @Path("requests/{reportRequestId}/cancel")
    @Operation(summary = "Cancel a report request: an oadrCancelReport in the reply to the VEN's next poll")
    @APIResponse(responseCode = "200", description = "Queued")
    @APIResponse(responseCode = "404", description = "No such request")
    public ReportRequestView cancel(@PathParam("reportRequestId") String reportRequestId,
            CancelReportRequest request) {
        return admin.cancel(reportRequestId, request);
    }

    @GET
    @Path("vens/{venId}")
    @Operation(summary = "A VEN's reports: offered, requested and received")
    @APIResponse(responseCode = "404", description = "No registered VEN of that id")
    public VenReportsView ven(@PathParam("venId") String venId) {
        return admin.ven(venId);
    }
}
