package io.gridflex.dispatch.sitelink;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.dispatch.registry.RegistryService;
import io.gridflex.dispatch.registry.SiteStatus;
import io.gridflex.dispatch.sitelink.SiteLink.IssuedCredentials;
import io.gridflex.support.audit.Actors;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.ErrorBody;
import io.gridflex.support.web.RequestParams;
import io.smallrye.common.annotation.Blocking;

/** Credentials for a registered site's agent on Kafka. */
@Path("/api/sites/{siteId}/kafka-credentials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sites")
public class SiteLinkResource {

    private final SiteLink link;
    private final RegistryService registry;
    private final CredentialAudit audit;
    private final Actors actors;

    public SiteLinkResource(SiteLink link, RegistryService registry, CredentialAudit audit, Actors actors) {
        this.link = link;
        this.registry = registry;
        this.audit = audit;
        this.actors = actors;
    }

    @POST
    @Blocking
    @RolesAllowed(io.gridflex.support.security.PlatformRoles.OPERATOR)
    @Operation(summary = "Issue the site agent's Kafka credentials", description = "A new password for the site's "
            + "principal (site-<siteId>), which may read only the site's schedules and write only its acks and "
            + "telemetry. Any earlier password stops working. Shown once: dispatch keeps no copy. Put it in the "
            + "site's secret (GRIDFLEX_KAFKA_PASSWORD of its agent).")
    @APIResponse(responseCode = "200", description = "Issued", content = @Content(schema = @Schema(implementation = IssuedCredentials.class)))
    @APIResponse(responseCode = "404", description = "No such site, or it was removed", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "This deployment issues site credentials itself", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not answer; nothing changed", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public IssuedCredentials issue(@PathParam("siteId") String siteId) {
        String id = RequestParams.id("siteId", siteId);
        registry.site(id).filter(site -> site.status() != SiteStatus.REMOVED)
                .orElseThrow(() -> ApiException.notFound("unknown-site", "site " + id + " is not registered"));
        IssuedCredentials issued = link.issue(id);
        audit.issued(actors.current(), issued);
        return issued;
    }
}
