package io.gridflex.settlement.ui;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.settlement.api.Roles;

/** Where the pages start, and where a browser lands after logging out. */
@Path("/")
@Tag(name = "Web pages")
public class UiHome {

    @GET
    @Path("ui")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The pages' start: the statements", hidden = true)
    public Response home() {
        return Response.seeOther(URI.create("/ui/statements")).build();
    }

    @GET
    @Path("signed-out")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Where the browser lands after logging out", hidden = true)
    public String signedOut() {
        return """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Logged out · GridFlex settlement</title>
                <link rel="stylesheet" href="/ui-assets/settlement.css"></head>
                <body><main id="main"><h1>You are logged out</h1><p><a href="/ui/statements">Log in again</a></p></main>
                </body></html>
                """;
    }
}
