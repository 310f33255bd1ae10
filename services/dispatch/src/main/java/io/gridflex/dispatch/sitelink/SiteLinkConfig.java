package io.gridflex.dispatch.sitelink;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How dispatch provisions each registered site's link on Kafka (its topics, ACLs and credentials). */
@ConfigMapping(prefix = "gridflex.site-link")
public interface SiteLinkConfig {

    /**
     * Whether dispatch provisions sites through Kafka's Admin API. Off where the deployment declares them itself
     * (Strimzi {@code KafkaTopic}/{@code KafkaUser} objects).
     */
    boolean provisioning();

    /** The broker the provisioner talks to. */
    String bootstrapServers();

    /** The certificate (PEM) the provisioner trusts. */
    String truststore();

    Provisioner provisioner();

    /** How often every registered site's link is compared with the registry and mended. */
    Duration reconcileInterval();

    /** How long one Admin request may take. */
    Duration timeout();

    /** How {@code GET /api/sites/{id}/kafka-objects} writes a site's Strimzi objects. */
    Strimzi strimzi();

    interface Strimzi {

        /** The Kafka cluster the objects belong to (their {@code strimzi.io/cluster} label). */
        String cluster();

        /** Replicas of each site topic. */
        int replicas();
    }

    interface Provisioner {

        /** The provisioner principal: may manage site principals, their ACLs and topics, and carries no message. */
        String username();

        /** Its password; required while provisioning is on. */
        Optional<String> password();
    }
}
