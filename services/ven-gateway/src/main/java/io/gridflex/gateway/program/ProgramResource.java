package io.gridflex.gateway.program;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
        return programs.find(program).map(ProgramView::of)
                .orElseThrow(
                        () -> ApiException.notFound("unknown-program", "no program " + program + " on this gateway"));
    }
}
