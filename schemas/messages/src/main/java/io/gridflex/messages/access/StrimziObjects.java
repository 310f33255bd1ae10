package io.gridflex.messages.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;

/**
 * {@link KafkaPolicy} as the Strimzi objects a Kubernetes deployment declares instead of provisioning through the Admin
 * API: a {@code KafkaTopic} per site topic and a {@code KafkaUser} (SCRAM-SHA-512, simple authorization) per principal
 * with exactly the policy's ACLs. Plain maps in the objects' shape, for any YAML or JSON writer. Strimzi names a
 * user after its object, so a principal must be a valid Kubernetes name (lower case): give Kubernetes-bound sites
 * lower-case ids.
 */
public final class StrimziObjects {

    /** The Strimzi API the objects are written for. */
    public static final String API_VERSION = "kafka.strimzi.io/v1beta2";

    private StrimziObjects() {
    }

    /** A site's three topics and its user. */
    public static List<Map<String, Object>> site(String siteId, String cluster, int replicas) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String topic : KafkaPolicy.siteTopics(siteId)) {
            objects.add(topic(topic, cluster, 1, replicas));
        }
        objects.add(user(KafkaPolicy.sitePrincipal(siteId), KafkaPolicy.site(siteId), cluster));
        return objects;
    }

    /** A platform service's user. */
    public static Map<String, Object> service(KafkaPolicy.Service service, String cluster) {
        return user(service.principal(), KafkaPolicy.service(service), cluster);
    }

    /** A {@code KafkaTopic}; its object name is the topic's name made a Kubernetes name, {@code topicName} the real one. */
    public static Map<String, Object> topic(String topic, String cluster, int partitions, int replicas) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("topicName", topic);
        spec.put("partitions", partitions);
        spec.put("replicas", replicas);
        return object("KafkaTopic", kubernetesName(topic), cluster, spec);
    }

    /** A {@code KafkaUser} holding exactly {@code acls} (all of which must name this user). */
    public static Map<String, Object> user(String principal, List<AclBinding> acls, String cluster) {
        if (!principal.equals(kubernetesName(principal))) {
            throw new IllegalArgumentException("Strimzi names a user after its object: " + principal
                    + " is not a Kubernetes name (lower case letters, digits, '-' and '.')");
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        for (AclBinding acl : acls) {
            if (!acl.entry().principal().equals("User:" + principal)) {
                throw new IllegalArgumentException("an ACL of " + acl.entry().principal() + " given for " + principal);
            }
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("type", acl.pattern().resourceType().name().toLowerCase(Locale.ROOT));
            if (acl.pattern().resourceType() != org.apache.kafka.common.resource.ResourceType.CLUSTER) {
                resource.put("name", acl.pattern().name());
                resource.put("patternType", acl.pattern().patternType() == PatternType.PREFIXED ? "prefix" : "literal");
            }
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("resource", resource);
            rule.put("operations", List.of(operation(acl)));
            rules.add(rule);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("authentication", Map.of("type", "scram-sha-512"));
        spec.put("authorization", Map.of("type", "simple", "acls", rules));
        return object("KafkaUser", principal, cluster, spec);
    }

    /** Lower case, and every character Kubernetes does not allow in a name replaced by '-'. */
    static String kubernetesName(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    }

    private static String operation(AclBinding acl) {
        // Strimzi spells operations in CamelCase: Read, Write, Describe, DescribeConfigs, Create, Delete, Alter.
        StringBuilder name = new StringBuilder();
        for (String part : acl.entry().operation().name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static Map<String, Object> object(String kind, String name, String cluster, Map<String, Object> spec) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", API_VERSION);
        object.put("kind", kind);
        object.put("metadata", Map.of("name", name, "labels", Map.of("strimzi.io/cluster", cluster)));
        object.put("spec", spec);
        return object;
    }
}
