package io.gridflex.messages.access;

import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

import io.gridflex.messages.Topics;

/**
 * Who may do what on the platform's Kafka. Every service and every site is a principal of its own (a SCRAM user),
 * and each is allowed exactly what its part of the message flow needs; the broker refuses everything else.
 * <ul>
 * <li>ven-gateway writes DR events, reads telemetry (its programs report the sites' power to their VTNs) and dispatch's
 * status reports (to opt out of events the fleet cannot deliver);</li>
 * <li>dispatch reads DR events, telemetry and acks, writes schedules and its status reports;</li>
 * <li>settlement reads DR events, schedules, acks and telemetry;</li>
 * <li>a site reads its own schedules and writes its own acks and telemetry, and nothing else;</li>
 * <li>the provisioner (the onboarding of sites) manages site principals, their topics and their ACLs.</li>
 * </ul>
 * The same bindings are what the Kubernetes charts declare as Strimzi {@code KafkaUser} ACLs.
 */
public final class KafkaPolicy {

    /** The platform's own principals. */
    public enum Service {

        VEN_GATEWAY("ven-gateway", "gridflex-gateway."),
        DISPATCH("dispatch", "gridflex-dispatch."),
        SETTLEMENT("settlement", "gridflex-settlement."),
        PROVISIONER("provisioner", null);

        private final String principal;
        private final String groupPrefix;

        Service(String principal, String groupPrefix) {
            this.principal = principal;
            this.groupPrefix = groupPrefix;
        }

        /** The SCRAM user name. */
        public String principal() {
            return principal;
        }

        /** The prefix of the consumer groups it may use, or null for none. */
        public String groupPrefix() {
            return groupPrefix;
        }

        public static Service named(String principal) {
            for (Service service : values()) {
                if (service.principal.equals(principal)) {
                    return service;
                }
            }
            throw new IllegalArgumentException("no platform principal " + principal);
        }
    }

    /** A site id that is also a valid part of a principal, a topic and a group name. */
    public static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    static final String SITE_PRINCIPAL_PREFIX = "site-";

    private KafkaPolicy() {
    }

    /** The SCRAM user of a site's agent. */
    public static String sitePrincipal(String siteId) {
        if (siteId == null || !SITE_ID.matcher(siteId).matches()) {
            throw new IllegalArgumentException("not a site id: " + siteId);
        }
        return SITE_PRINCIPAL_PREFIX + siteId;
    }

    /** The consumer group a site's agent reads its schedules in. */
    public static String siteGroup(String siteId) {
        return "site-agent-" + siteId;
    }

    /** The ACLs of one of the platform's services. */
    public static List<AclBinding> service(Service service) {
        String user = service.principal();
        List<AclBinding> acls = new ArrayList<>();
        switch (service) {
            case VEN_GATEWAY -> {
                acls.add(topic(user, Topics.DR_EVENTS, PatternType.LITERAL, WRITE));
                acls.add(everySite(user, Topics.SITE_TELEMETRY, READ));
                acls.add(topic(user, Topics.DISPATCH_STATUS, PatternType.LITERAL, READ));
            }
            case DISPATCH -> {
                acls.add(topic(user, Topics.DR_EVENTS, PatternType.LITERAL, READ));
                acls.add(everySite(user, Topics.SITE_TELEMETRY, READ));
                acls.add(everySite(user, Topics.SCHEDULE_ACKS, READ));
                acls.add(everySite(user, Topics.SITE_SCHEDULES, WRITE));
                acls.add(topic(user, Topics.DISPATCH_STATUS, PatternType.LITERAL, WRITE));
            }
            case SETTLEMENT -> {
                acls.add(topic(user, Topics.DR_EVENTS, PatternType.LITERAL, READ));
                acls.add(everySite(user, Topics.SITE_TELEMETRY, READ));
                acls.add(everySite(user, Topics.SCHEDULE_ACKS, READ));
                acls.add(everySite(user, Topics.SITE_SCHEDULES, READ));
            }
            case PROVISIONER -> {
                // Creating ACLs and SCRAM credentials is a cluster-level ALTER; reading them back a DESCRIBE.
                acls.add(cluster(user, ALTER));
                acls.add(cluster(user, DESCRIBE));
                for (String kind : Topics.siteKinds()) {
                    for (AclOperation operation : List.of(CREATE, DELETE, DESCRIBE, DESCRIBE_CONFIGS)) {
                        acls.add(everySite(user, kind, operation));
                    }
                }
            }
        }
        if (service.groupPrefix() != null) {
            acls.add(group(user, service.groupPrefix(), PatternType.PREFIXED));
        }
        return acls;
    }

    /**
     * The ACLs of a site's agent: its own schedules to read (in its own group), its own acks and telemetry to write;
     * literal names, so no other site's topic matches.
     */
    public static List<AclBinding> site(String siteId) {
        String user = sitePrincipal(siteId);
        return List.of(
                topic(user, Topics.siteSchedules(siteId), PatternType.LITERAL, READ),
                group(user, siteGroup(siteId), PatternType.LITERAL),
                topic(user, Topics.scheduleAcks(siteId), PatternType.LITERAL, WRITE),
                topic(user, Topics.siteTelemetry(siteId), PatternType.LITERAL, WRITE));
    }

    /**
     * Topic settings of each site's schedules topic. Every site's schedules topic takes the same records at the same
     * moment (one produce request carries a schedule for each site), so with the broker's defaults every partition
     * needs its first offset-index entry (after 4 KiB) in the same request, and its next segment (after
     * {@code segment.ms}) too; the broker does that work one partition after another, and at 1,000 sites that
     * request outlived the producer's timeout (a 1.2 s stall for 500 topics on the build machine, none with this
     * setting; docs/benchmarks.md). A schedules topic holds a few KiB a day, so an index entry per MiB costs readers nothing, and up to a
     * day of jitter spreads the weekly segment roll.
     */
    public static final Map<String, String> SCHEDULES_TOPIC_CONFIG = Map.of("index.interval.bytes", "1048576",
            "segment.jitter.ms", "86400000");

    /** The settings {@code topic}, one of a site's topics, is created with. */
    public static Map<String, String> siteTopicConfig(String topic) {
        return topic.startsWith(Topics.SITE_SCHEDULES + ".") ? SCHEDULES_TOPIC_CONFIG : Map.of();
    }

    /** The topics a site's link is made of, which onboarding creates. */
    public static List<String> siteTopics(String siteId) {
        sitePrincipal(siteId);
        return Topics.siteKinds().stream().map(kind -> Topics.ofSite(kind, siteId)).toList();
    }

    /** Matches every ACL that names {@code user} as its principal. */
    public static AclBindingFilter allOf(String user) {
        return new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:" + user, null, AclOperation.ANY, AclPermissionType.ANY));
    }

    /** Every site's topic of {@code kind}: a prefixed ACL on {@code <kind>.}. */
    private static AclBinding everySite(String user, String kind, AclOperation operation) {
        return topic(user, Topics.ofSite(kind, ""), PatternType.PREFIXED, operation);
    }

    private static AclBinding topic(String user, String name, PatternType type, AclOperation operation) {
        return allow(user, new ResourcePattern(ResourceType.TOPIC, name, type), operation);
    }

    private static AclBinding group(String user, String name, PatternType type) {
        return allow(user, new ResourcePattern(ResourceType.GROUP, name, type), READ);
    }

    private static AclBinding cluster(String user, AclOperation operation) {
        return allow(user, new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                operation);
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation,
                AclPermissionType.ALLOW));
    }
}
