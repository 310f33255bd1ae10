package io.gridflex.gateway.opt;

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

import io.gridflex.gateway.program.Programs;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.RequestParams;

@Path("/api/programs/{program}/opts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "programs")
@RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
public class OptResource {

    static final int MAX_LIMIT = 500;

    private final Programs programs;
    private final OptRepository opts;
    private final Transactions transactions;

    private final AvailabilityRepository schedules;

    public OptResource(Programs programs, OptRepository opts, AvailabilityRepository schedules,
            Transactions transactions) {
        this.programs = programs;
        this.opts = opts;
        this.schedules = schedules;
        this.transactions = transactions;
    }

    @GET
    @Operation(summary = "The opts this VEN sent (or is still to send) to the program's VTN, newest first: which event"
            + " and resources, why (dispatch's figures) and what the VTN answered")
    @APIResponse(responseCode = "400", description = "limit is not a whole number from 1 to 500")
    @APIResponse(responseCode = "404", description = "a program this gateway does not serve")
    public List<PendingOpt> list(@PathParam("program") String program,
            @QueryParam("limit") @Parameter(description = "how many, 1 to 500") String limit) {
        int count = checked(program, limit);
        return transactions.read(connection -> opts.recent(connection, program, count));
    }

    @GET
    @Path("/schedules")
    @Operation(summary = "The opt schedules this VEN sent for the program's resources that could not take part, newest"
            + " first: since when, why, whether still in force, and what the VTN answered to the opt and its"
            + " withdrawal")
    @APIResponse(responseCode = "400", description = "limit is not a whole number from 1 to 500")
    @APIResponse(responseCode = "404", description = "a program this gateway does not serve")
    public List<AvailabilityOpt> schedules(@PathParam("program") String program,
            @QueryParam("limit") @Parameter(description = "how many, 1 to 500") String limit) {
        int count = checked(program, limit);
        return transactions.read(connection -> schedules.recent(connection, program, count));
    }

    /** The limit asked for, once the program is known to this gateway. */
    private int checked(String program, String limit) {
        if (programs.find(program).isEmpty()) {
            throw ApiException.notFound("unknown-program", "no program " + program + " on this gateway");
        }
        return RequestParams.limit(limit, 50, MAX_LIMIT);
    }
}
