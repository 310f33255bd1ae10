package io.gridflex.dispatch.registry;

/**
 * A site was registered or removed: fired (synchronously, after the registry's transaction committed) for what
 * follows a site's place in the fleet, such as its link on Kafka.
 */
public record SiteRegistryChange(String siteId, boolean removed) {
}
