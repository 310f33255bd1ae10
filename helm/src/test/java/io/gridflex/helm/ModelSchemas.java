package io.gridflex.helm;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.keycloak.representations.idm.RealmRepresentation;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedClassResolver;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorSpec;
import io.strimzi.api.kafka.model.kafka.KafkaSpec;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePoolSpec;
import io.strimzi.api.kafka.model.topic.KafkaTopicSpec;
import io.strimzi.api.kafka.model.user.KafkaUserSpec;

/**
 * JSON Schemas of the Kubernetes objects the charts render, derived from the typed API models of the versions the
 * charts target: the Kubernetes API (fabric8 kubernetes-model {@value #FABRIC8}, the Kubernetes 1.35 API), the
 * prometheus-operator's ServiceMonitor (fabric8's monitoring model of the same release), Strimzi's API
 * ({@value #STRIMZI}) and Keycloak's realm ({@value #KEYCLOAK}). Every property a model knows is typed, and any property it does not know is refused
 * ({@code additionalProperties: false}), which is what catches a misspelt or misplaced field in a template.
 * <p>
 * The schemas are shipped in {@code src/test/resources/schemas}; {@link ShippedSchemasTest} checks they are what this
 * class derives from the models on the class path, and {@code main} rewrites them after a model version moves.
 */
final class ModelSchemas {

    static final String FABRIC8 = "7.6.1";
    static final String STRIMZI = "0.49.0";
    static final String KEYCLOAK = "26.7.3";

    /**
     * Not a kind: the realm a KeycloakRealmImport carries in spec.realm (the operator's own model of it is Keycloak's
     * RealmRepresentation; the Keycloak and KeycloakRealmImport resources themselves have no model in this build).
     */
    static final String REALM = "KeycloakRealmImport.spec.realm";

    /** The files shipped, each with the kinds it holds: {@code apiVersion/kind} to the model class. */
    static final Map<String, Map<String, Class<?>>> FILES = Map.of(
            "kubernetes-fabric8-" + FABRIC8 + ".json", kinds(
                    "v1/ConfigMap", ConfigMap.class,
                    "v1/Service", Service.class,
                    "v1/ServiceAccount", ServiceAccount.class,
                    "apps/v1/Deployment", Deployment.class,
                    "apps/v1/StatefulSet", StatefulSet.class,
                    "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
                    "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
                    "networking.k8s.io/v1/Ingress", Ingress.class),
            "prometheus-operator-fabric8-" + FABRIC8 + ".json", kinds(
                    "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitorSpec.class),
            "strimzi-" + STRIMZI + ".json", kinds(
                    "kafka.strimzi.io/v1beta2/Kafka", KafkaSpec.class,
                    "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePoolSpec.class,
                    "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopicSpec.class,
                    "kafka.strimzi.io/v1beta2/KafkaUser", KafkaUserSpec.class),
            "keycloak-realm-" + KEYCLOAK + ".json", kinds(
                    REALM, RealmRepresentation.class));

    static final Path SHIPPED = Charts.HELM.resolve("src/test/resources/schemas");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, ObjectNode> definitions = new TreeMap<>();

    /** Rewrites the shipped schemas from the models on the class path. */
    public static void main(String[] args) throws IOException {
        Files.createDirectories(SHIPPED);
        for (String file : FILES.keySet()) {
            Files.writeString(SHIPPED.resolve(file), derive(file) + "\n");
        }
    }

    /** The schema file {@code file} as derived now. */
    static String derive(String file) throws IOException {
        ModelSchemas schemas = new ModelSchemas();
        ObjectNode kinds = NODES.objectNode();
        new TreeMap<>(FILES.get(file)).forEach((kind, model) -> kinds.set(kind, schemas.resource(kind, model)));
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$comment", "Derived by io.gridflex.helm.ModelSchemas from the typed API models (fabric8 " + FABRIC8
                + ", Strimzi api " + STRIMZI + ", Keycloak " + KEYCLOAK + "); regenerate, never edit.");
        root.set("kinds", kinds);
        ObjectNode defs = root.putObject("definitions");
        schemas.definitions.forEach(defs::set);
        return schemas.mapper.writeValueAsString(root);
    }

    /**
     * A kind's object: its apiVersion and kind fixed, metadata, and the model's other properties. A model that is only
     * the spec of a custom resource (its resource class needs a Kubernetes client) gets metadata and spec.
     */
    private ObjectNode resource(String kind, Class<?> model) {
        int slash = kind.lastIndexOf('/');
        ObjectNode schema;
        if (slash < 0) {
            return bean(mapper.constructType(model));
        }
        if (model.getSimpleName().endsWith("Spec")) {
            schema = NODES.objectNode().put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            properties.set("metadata", schemaOf(mapper.constructType(ObjectMeta.class)));
            properties.set("spec", schemaOf(mapper.constructType(model)));
            schema.put("additionalProperties", false);
        } else {
            schema = bean(mapper.constructType(model)).deepCopy();
        }
        ObjectNode properties = (ObjectNode) schema.get("properties");
        properties.putObject("apiVersion").put("const", kind.substring(0, slash));
        properties.putObject("kind").put("const", kind.substring(slash + 1));
        properties.remove("status");
        schema.putArray("required").add("apiVersion").add("kind").add("metadata");
        return schema;
    }

    private JsonNode schemaOf(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == Character.class || raw == char.class || Date.class.isAssignableFrom(raw)
                || Temporal.class.isAssignableFrom(raw)) {
            return NODES.objectNode().put("type", "string");
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class || raw == Short.class
                || raw == short.class || raw == BigInteger.class) {
            return NODES.objectNode().put("type", "integer");
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class
                || raw == BigDecimal.class) {
            return NODES.objectNode().put("type", "number");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (raw == IntOrString.class) {
            return types("integer", "string");
        }
        if (raw == Quantity.class) {
            return types("string", "number");
        }
        if (raw.isEnum()) {
            ObjectNode schema = NODES.objectNode();
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(mapper.valueToTree(constant));
            }
            return schema;
        }
        if (type.isArrayType() || type.isCollectionLikeType() || Collection.class.isAssignableFrom(raw)) {
            ObjectNode schema = NODES.objectNode().put("type", "array");
            schema.set("items", schemaOf(type.getContentType()));
            return schema;
        }
        if (type.isMapLikeType()) {
            ObjectNode schema = NODES.objectNode().put("type", "object");
            JavaType content = type.getContentType();
            if (content.getRawClass() != Object.class) {
                schema.set("additionalProperties", schemaOf(content));
            }
            return schema;
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.isInterface()
                && polymorphic(raw) == null) {
            return NODES.objectNode();
        }
        String name = raw.getName();
        if (!definitions.containsKey(name)) {
            definitions.put(name, NODES.objectNode()); // placeholder: the type may refer to itself
            JsonTypeInfo typeInfo = polymorphic(raw);
            definitions.put(name, typeInfo != null ? subtypes(type, typeInfo) : bean(type));
        }
        return NODES.objectNode().put("$ref", "#/definitions/" + name);
    }

    /** An object with the bean's properties, nothing else; the properties Jackson requires are required. */
    private ObjectNode bean(JavaType type) {
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.getPrimaryType() == null || property.getName().equals("additionalProperties")) {
                continue;
            }
            properties.set(property.getName(), schemaOf(property.getPrimaryType()));
            if (property.isRequired()) {
                required.add(property.getName());
            }
        }
        schema.put("additionalProperties", false);
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    /** A type told apart by a property (Strimzi's listeners, storage, authentication...): one of its subtypes. */
    private ObjectNode subtypes(JavaType type, JsonTypeInfo typeInfo) {
        AnnotatedClass annotated = AnnotatedClassResolver.resolveWithoutSuperTypes(mapper.getDeserializationConfig(),
                type.getRawClass());
        Map<String, Class<?>> named = new LinkedHashMap<>();
        for (NamedType subtype : mapper.getSubtypeResolver()
                .collectAndResolveSubtypesByTypeId(mapper.getDeserializationConfig(), annotated)) {
            if (subtype.hasName() && !Modifier.isAbstract(subtype.getType().getModifiers())) {
                named.put(subtype.getName(), subtype.getType());
            }
        }
        ObjectNode schema = NODES.objectNode();
        ArrayNode oneOf = schema.putArray("oneOf");
        for (Map.Entry<String, Class<?>> subtype : named.entrySet()) {
            ObjectNode variant = bean(mapper.constructType(subtype.getValue()));
            ((ObjectNode) variant.get("properties")).putObject(typeInfo.property()).put("const", subtype.getKey());
            ArrayNode required = variant.has("required")
                    ? (ArrayNode) variant.get("required")
                    : variant.putArray("required");
            if (!required.toString().contains("\"" + typeInfo.property() + "\"")) {
                required.add(typeInfo.property());
            }
            oneOf.add(variant);
        }
        return schema;
    }

    private static JsonTypeInfo polymorphic(Class<?> raw) {
        return raw.getAnnotation(JsonTypeInfo.class);
    }

    private static ObjectNode types(String... types) {
        ObjectNode schema = NODES.objectNode();
        ArrayNode list = schema.putArray("type");
        for (String type : types) {
            list.add(type);
        }
        return schema;
    }

    private static Map<String, Class<?>> kinds(Object... pairs) {
        Map<String, Class<?>> kinds = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            kinds.put((String) pairs[i], (Class<?>) pairs[i + 1]);
        }
        return kinds;
    }

    static List<String> files() {
        return List.copyOf(new TreeMap<>(FILES).keySet());
    }

    private ModelSchemas() {
    }
}
