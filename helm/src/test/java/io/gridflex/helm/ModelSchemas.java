package io.gridflex.helm;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.ArrayList;
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

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Duration;
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
 * prometheus-operator's ServiceMonitor (fabric8's monitoring model of the same release), cert-manager's Certificate
 * (fabric8's certmanager-model {@value #CERT_MANAGER}), Strimzi's API ({@value #STRIMZI}), Keycloak's realm
 * ({@value #KEYCLOAK}) and CloudNativePG {@value #CNPG}'s CRDs (from the TypeScript declarations the npm package
 * {@link #CNPG_MODELS} generates from the operator's CRD manifest, read by {@link TypeDeclarations}). Every property a
 * model knows is typed, and any property it does not know is refused ({@code additionalProperties: false}), which is
 * what catches a misspelt or misplaced field in a template.
 * <p>
 * The schemas are shipped in {@code src/test/resources/schemas}; {@link ShippedSchemasTest} checks they are what this
 * class derives from the models on the class path, and {@code main} rewrites them after a model version moves.
 */
final class ModelSchemas {

    static final String FABRIC8 = "7.6.1";
    static final String STRIMZI = "0.49.0";
    static final String KEYCLOAK = "26.7.3";
    /** fabric8's certmanager-model: the last release published (fabric8 7.6 has none). */
    static final String CERT_MANAGER = "7.5.2";
    /** The CloudNativePG release whose CRDs {@link #CNPG_MODELS} was generated from (its package.json says so). */
    static final String CNPG = "1.29.0";
    static final NpmPackage CNPG_MODELS = new NpmPackage("@kubernetes-models/cloudnative-pg", "1.0.0",
            "sha512-CZckCP7g0C/pqKPwFAdbXLV3YuNjarKg+D7vb/o+gHJOfwEqYCEUCKieWuusV85/M0SCgqUBgbTCVN9FV9SIgg==");
    static final String CNPG_FILE = "cloudnative-pg-" + CNPG + ".json";
    /** CloudNativePG's kinds the charts render: apiVersion/kind to the declaration file in {@link #CNPG_MODELS}. */
    static final Map<String, String> CNPG_KINDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Cluster.d.ts",
            "postgresql.cnpg.io/v1/Database", "postgresql.cnpg.io/v1/Database.d.ts",
            "postgresql.cnpg.io/v1/ScheduledBackup", "postgresql.cnpg.io/v1/ScheduledBackup.d.ts");

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
                    REALM, RealmRepresentation.class),
            "cert-manager-fabric8-" + CERT_MANAGER + ".json", kinds(
                    "cert-manager.io/v1/Certificate", Certificate.class));

    static final Path SHIPPED = Charts.HELM.resolve("src/test/resources/schemas");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, ObjectNode> definitions = new TreeMap<>();

    /** Rewrites the shipped schemas from the models on the class path. */
    public static void main(String[] args) throws IOException {
        Files.createDirectories(SHIPPED);
        for (String file : files()) {
            Files.writeString(SHIPPED.resolve(file), derive(file) + "\n");
        }
    }

    /** The schema file {@code file} as derived now. */
    static String derive(String file) throws IOException {
        ModelSchemas schemas = new ModelSchemas();
        ObjectNode kinds = NODES.objectNode();
        String source;
        if (file.equals(CNPG_FILE)) {
            Map<String, String> declarations = CNPG_MODELS.files();
            JsonNode generatedFrom = schemas.mapper.readTree(declarations.get("package.json"))
                    .at("/crd-generate/input/0");
            if (!generatedFrom.asText().endsWith("/cnpg-" + CNPG + ".yaml")) {
                throw new IllegalStateException(CNPG_MODELS + " was generated from " + generatedFrom
                        + ", not from CloudNativePG " + CNPG + "'s manifest: set ModelSchemas.CNPG");
            }
            new TreeMap<>(CNPG_KINDS).forEach((kind, declaration) -> kinds.set(kind, schemas.resource(kind,
                    TypeDeclarations.schemaOf(declarations.get(declaration),
                            "I" + kind.substring(kind.lastIndexOf('/') + 1), schemas::reference),
                    null)));
            source = "the TypeScript declarations of the npm package " + CNPG_MODELS.name() + " "
                    + CNPG_MODELS.version() + ", generated from CloudNativePG " + CNPG + "'s CRDs (metadata: fabric8 "
                    + FABRIC8 + ")";
        } else {
            new TreeMap<>(FILES.get(file)).forEach((kind, model) -> kinds.set(kind,
                    model.getSimpleName().endsWith("Spec")
                            ? schemas.resource(kind, null, model)
                            : schemas.resource(kind, schemas.bean(schemas.mapper.constructType(model)), null)));
            source = "the typed API models (fabric8 " + FABRIC8 + ", fabric8 certmanager-model " + CERT_MANAGER
                    + ", Strimzi api " + STRIMZI + ", Keycloak " + KEYCLOAK + ")";
        }
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$comment", "Derived by io.gridflex.helm.ModelSchemas from " + source + "; regenerate, never edit.");
        root.set("kinds", kinds);
        ObjectNode defs = root.putObject("definitions");
        schemas.definitions.forEach(defs::set);
        return schemas.mapper.writeValueAsString(root);
    }

    /**
     * A kind's object: its apiVersion and kind fixed, metadata, and the other properties of {@code object} (a model's
     * or a CRD's). A model that is only the {@code spec} of a custom resource (its resource class needs a Kubernetes
     * client) gets metadata and spec.
     */
    private ObjectNode resource(String kind, ObjectNode object, Class<?> spec) {
        int slash = kind.lastIndexOf('/');
        ObjectNode schema;
        if (slash < 0) {
            return object;
        }
        if (spec != null) {
            schema = NODES.objectNode().put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            properties.set("metadata", reference("IObjectMeta"));
            properties.set("spec", schemaOf(mapper.constructType(spec)));
            schema.put("additionalProperties", false);
        } else {
            schema = object.deepCopy();
        }
        ObjectNode properties = (ObjectNode) schema.get("properties");
        properties.putObject("apiVersion").put("const", kind.substring(0, slash));
        properties.putObject("kind").put("const", kind.substring(slash + 1));
        properties.remove("status");
        ArrayNode required = schema.putArray("required").add("apiVersion").add("kind").add("metadata");
        if (spec == null && object.path("required").toString().contains("\"spec\"")) {
            required.add("spec");
        }
        return schema;
    }

    /** The types the declarations name rather than spell out: Kubernetes' ObjectMeta, fabric8's. */
    private JsonNode reference(String name) {
        return name.equals("IObjectMeta") ? schemaOf(mapper.constructType(ObjectMeta.class)) : null;
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
        if (raw == Duration.class) {
            return NODES.objectNode().put("type", "string");
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

    /**
     * Jackson lists a bean's field-backed properties in declaration order, which is stable, and the others (getter or
     * setter only) in the order the JVM lists methods, which is not: two runs may derive the same model with two
     * orders. Those go last, by name, so the derived schema is the same on every run.
     */
    private static List<BeanPropertyDefinition> stableOrder(List<BeanPropertyDefinition> properties) {
        List<BeanPropertyDefinition> ordered = new ArrayList<>(properties);
        ordered.sort((a, b) -> {
            if (a.hasField() != b.hasField()) {
                return a.hasField() ? -1 : 1;
            }
            return a.hasField() ? 0 : a.getName().compareTo(b.getName());
        });
        return ordered;
    }

    /** An object with the bean's properties, nothing else; the properties Jackson requires are required. */
    private ObjectNode bean(JavaType type) {
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (BeanPropertyDefinition property : stableOrder(description.findProperties())) {
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
        List<String> files = new java.util.ArrayList<>(FILES.keySet());
        files.add(CNPG_FILE);
        return files.stream().sorted().toList();
    }

    private ModelSchemas() {
    }
}
