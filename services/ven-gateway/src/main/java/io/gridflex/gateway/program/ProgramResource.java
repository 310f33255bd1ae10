package io.gridflex.gateway.program;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.ApiException;

@Path("/api/programs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "programs")
@RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
public class ProgramResource {

    private final Programs programs;

    public ProgramResource(Programs programs) {
        this.programs = programs;
    }

    @GET
    @Operation(summary = "Every program: its VTN, this VEN's registration there, the poll interval in force, the last"
            + " poll time and the last problem")
    public List<ProgramView> list() {
        return programs.all().stream().map(ProgramView::of).toList();
    }

    @GET
    @Path("/{program}")
    @Operation(summary = "One program's standing with its VTN")
    @APIResponse(responseCode = "404", description = "a program this gateway does not serve")
    public ProgramView get(@PathParam("program") String program) {
        return ProgramView.of(connection(program));
    }

    @POST
    @Path("/{program}/registration/query")
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Query the VTN (oadrQueryRegistration) while registered", description = "The registration"
            + " stays as it is; a poll frequency the VTN now states differently is adopted.")
    @APIResponse(responseCode = "200", description = "The program's standing after the query")
    @APIResponse(responseCode = "404", description = "a program this gateway does not serve")
    @APIResponse(responseCode = "409", description = "the program is not registered")
    @APIResponse(responseCode = "502", description = "the VTN refused or could not be reached")
    public ProgramView queryRegistration(@PathParam("program") String program) {
        ProgramConnection connection = connection(program);
        atTheVtn(connection, "query", connection::queryRegistration);
        return ProgramView.of(connection);
    }

    @POST
    @Path("/{program}/registration/cancel")
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "End this VEN's registration with the VTN (oadrCancelPartyRegistration)", description = "Once"
            + " the VTN confirms, the program neither polls nor answers its VTN and stays unregistered, also across"
            + " restarts, until registered again with POST /api/programs/{program}/registration.")
    @APIResponse(responseCode = "200", description = "Cancelled: the program's standing, unregistered")
    @APIResponse(responseCode = "404", description = "a program this gateway does not serve")
    @APIResponse(responseCode = "409", description = "the program is not registered")
    @APIResponse(responseCode = "502", description = "the VTN refused or could not be reached; the registration"
            + " stays")
    public ProgramView cancelRegistration(@PathParam("program") String program) {
        ProgramConnection connection = connection(program);
        atTheVtn(connection, "cancel", connection::cancelRegistration);
        return ProgramView.of(connection);
    }

    @POST
    @Path("/{program}/registration")
    @RolesAllowed(PlatformRoles.OPERATOR)
    @Operation(summary = "Register again after the registration was cancelled here", description = "The program"
            + " registers afresh in the background; GET the program to see it registered. Nothing happens to a"
            + " program that holds no cancelled registration.")
    @APIResponse(responseCode = "202", description = "Registration asked for")
    @APIResponse(responseCode = "404", description = "a program this gateway does not serve")
    public Response register(@PathParam("program") String program) {
        ProgramConnection connection = connection(program);
        connection.registerAgain();
        return Response.accepted(ProgramView.of(connection)).build();
    }

    private ProgramConnection connection(String program) {
        return programs.find(program).orElseThrow(
                () -> ApiException.notFound("unknown-program", "no program " + program + " on this gateway"));
    }

    private static void atTheVtn(ProgramConnection connection, String what, Runnable exchange) {
        if (connection.state().current().isEmpty()) {
            throw ApiException.conflict("not-registered", "program " + connection.id() + " is not registered");
        }
        try {
            exchange.run();
        } catch (IllegalStateException e) {
            // The registration ended between the check and the exchange.
            throw ApiException.conflict("not-registered", e.getMessage());
        } catch (RuntimeException e) {
            // Refused, unreachable, or a reply that does not read or verify.
            throw new ApiException(Response.Status.BAD_GATEWAY, "vtn-" + what + "-failed", e.getMessage());
        }
    }
}
