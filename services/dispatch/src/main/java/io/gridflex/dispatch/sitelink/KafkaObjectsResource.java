package io.gridflex.dispatch.sitelink;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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
import io.gridflex.messages.access.StrimziObjects;
import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.ErrorBody;
import io.gridflex.support.web.RequestParams;
import io.smallrye.common.annotation.Blocking;

/**
 * A registered site's link as the Strimzi objects a Kubernetes deployment applies when it provisions sites itself
 * ({@code gridflex.site-link.provisioning=false}): its three {@code KafkaTopic}s and its {@code KafkaUser}, with the
 * same ACLs dispatch would grant.
 */
@Path("/api/sites/{siteId}/kafka-objects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sites")
public class KafkaObjectsResource {

    private final RegistryService registry;
    private final SiteLinkConfig config;

    public KafkaObjectsResource(RegistryService registry, SiteLinkConfig config) {
        this.registry = registry;
        this.config = config;
    }

    @GET
    @Blocking
    @RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
    @Operation(summary = "The site's Strimzi objects", description = "A Kubernetes List of the site's KafkaTopics and "
            + "KafkaUser (SCRAM-SHA-512, exactly its ACLs), for kubectl apply. The site id must be a Kubernetes name "
            + "(lower case) for its KafkaUser.")
    @APIResponse(responseCode = "200", description = "The objects")
    @APIResponse(responseCode = "400", description = "The site id is not a Kubernetes name", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such site, or it was removed", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Map<String, Object> objects(@PathParam("siteId") String siteId) {
        String id = RequestParams.id("siteId", siteId);
        registry.site(id).filter(site -> site.status() != SiteStatus.REMOVED)
                .orElseThrow(() -> ApiException.notFound("unknown-site", "site " + id + " is not registered"));
        List<Map<String, Object>> items;
        try {
            items = StrimziObjects.site(id, config.strimzi().cluster(), config.strimzi().replicas());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("not-a-kubernetes-name", e.getMessage());
        }
        return Map.of("apiVersion", "v1", "kind", "List", "items", items);
    }
}
