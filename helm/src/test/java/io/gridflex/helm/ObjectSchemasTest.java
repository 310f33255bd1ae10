package io.gridflex.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Every object every chart renders (defaults and examples) is valid against the JSON Schema of its kind, shipped in
 * src/test/resources/schemas: the Kubernetes API, the ServiceMonitor, Strimzi's resources, cert-manager's Certificate,
 * CloudNativePG's Cluster, Database and ScheduledBackup, and the realm a KeycloakRealmImport carries.
 */
class ObjectSchemasTest {

    /**
     * Kinds with no schema available to this build: the Keycloak Operator publishes its CRDs only as YAML beside its
     * releases, with no model of them on Maven Central or npm. Their fields are checked one by one by ChartsTest; a
     * KeycloakRealmImport's realm is validated against Keycloak's realm model.
     */
    static final Set<String> WITHOUT_SCHEMA = Set.of("k8s.keycloak.org/v2alpha1/Keycloak",
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport");

    static final Map<String, Schema> SCHEMAS = load();

    static Map<String, Schema> load() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        Map<String, Schema> schemas = new HashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String file : ModelSchemas.files()) {
            try {
                JsonNode root = mapper.readTree(ModelSchemas.SHIPPED.resolve(file).toFile());
                for (String kind : (Iterable<String>) () -> root.path("kinds").fieldNames()) {
                    ObjectNode schema = root.deepCopy();
                    schema.put("$ref", "#/kinds/" + kind.replace("~", "~0").replace("/", "~1"));
                    schemas.put(kind, registry.getSchema(schema));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> renderings() {
        return ChartsTest.renderings();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyRenderedObjectIsValidForItsKind(String rendering, List<JsonNode> objects) {
        assertValid(rendering, objects);
    }

    /** Every object of {@code rendering} is valid against its kind's schema (also for renderings of other tests). */
    static void assertValid(String rendering, List<JsonNode> objects) {
        for (JsonNode object : objects) {
            String kind = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
            String name = rendering + ": " + kind + " " + object.at("/metadata/name").asText();
            if (WITHOUT_SCHEMA.contains(kind) && !kind.endsWith("/KeycloakRealmImport")) {
                continue;
            }
            if (kind.equals("k8s.keycloak.org/v2alpha1/KeycloakRealmImport")) {
                assertThat(SCHEMAS.get(ModelSchemas.REALM).validate(object.at("/spec/realm"))).as(name).isEmpty();
                continue;
            }
            assertThat(SCHEMAS).as(name + " has a schema").containsKey(kind);
            List<Error> errors = SCHEMAS.get(kind).validate(object);
            assertThat(errors).as(name + "\n" + object.toPrettyString()).isEmpty();
        }
    }

    @Test
    void theSchemasRefuseAMisspeltField() {
        ObjectNode deployment = (ObjectNode) Charts.named(Charts.render(Charts.GRIDFLEX), "Deployment", "dispatch")
                .deepCopy();
        ObjectNode security = (ObjectNode) deployment.at("/spec/template/spec/containers/0/securityContext");
        security.set("readOnlyRootFileSystem", security.remove("readOnlyRootFilesystem"));
        assertThat(SCHEMAS.get("apps/v1/Deployment").validate(deployment)).extracting(Error::toString)
                .anyMatch(error -> error.contains("readOnlyRootFileSystem"));
        ObjectNode user = (ObjectNode) Charts.named(Charts.render(Charts.GRIDFLEX), "KafkaUser", "dispatch")
                .deepCopy();
        ((ObjectNode) user.at("/spec/authorization/acls/0/resource")).put("patternType", "prefixed");
        assertThat(SCHEMAS.get("kafka.strimzi.io/v1beta2/KafkaUser").validate(user)).isNotEmpty();
        ObjectNode realm = (ObjectNode) Charts.named(Charts.render(Charts.GRIDFLEX), "KeycloakRealmImport",
                "gridflex-keycloak-gridflex-realm").at("/spec/realm").deepCopy();
        ((ObjectNode) realm.at("/clients/0")).put("serviceAccountEnabled", true);
        assertThat(SCHEMAS.get(ModelSchemas.REALM).validate(realm)).extracting(Error::toString)
                .anyMatch(error -> error.contains("serviceAccountEnabled"));
    }

    @Test
    void theCertificateSchemaRefusesAMisspeltOrMisplacedField() {
        JsonNode rendered = Charts.named(Charts.render(Charts.GRIDFLEX, Charts.GRIDFLEX.resolve(
                "examples/production.yaml")), "Certificate", "summer-peak-openadr");
        Schema schema = SCHEMAS.get("cert-manager.io/v1/Certificate");
        assertThat(schema.validate(rendered)).isEmpty();
        ObjectNode certificate = rendered.deepCopy();
        ObjectNode privateKey = (ObjectNode) certificate.at("/spec/privateKey");
        privateKey.set("rotationPolicies", privateKey.remove("rotationPolicy"));
        assertThat(schema.validate(certificate)).extracting(Error::toString)
                .anyMatch(error -> error.contains("rotationPolicies"));
        certificate = rendered.deepCopy();
        ((ObjectNode) certificate.at("/spec")).set("issuer", ((ObjectNode) certificate.at("/spec")).remove(
                "issuerRef"));
        assertThat(schema.validate(certificate)).extracting(Error::toString)
                .anyMatch(error -> error.contains("issuer"));
        certificate = rendered.deepCopy();
        ((ObjectNode) certificate.at("/spec/privateKey")).put("size", "2048");
        assertThat(schema.validate(certificate)).extracting(Error::toString)
                .anyMatch(error -> error.contains("size") && error.contains("integer"));
    }

    @Test
    void theCloudNativePgSchemasRefuseAMisspeltFieldAWrongTypeOrValue() {
        // The production example: backups on, Keycloak's role and database.
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, Charts.GRIDFLEX.resolve("examples/production.yaml"));
        JsonNode rendered = Charts.named(objects, "Cluster", "gridflex-db");
        Schema schema = SCHEMAS.get("postgresql.cnpg.io/v1/Cluster");
        assertThat(schema.validate(rendered)).isEmpty();
        ObjectNode cluster = rendered.deepCopy();
        ((ObjectNode) cluster.at("/spec")).set("enablePodDisruptionBudget", ((ObjectNode) cluster.at("/spec"))
                .remove("enablePDB"));
        assertThat(schema.validate(cluster)).extracting(Error::toString)
                .anyMatch(error -> error.contains("enablePodDisruptionBudget"));
        cluster = rendered.deepCopy();
        ((ObjectNode) cluster.at("/spec")).put("instances", "3");
        assertThat(schema.validate(cluster)).extracting(Error::toString)
                .anyMatch(error -> error.contains("instances") && error.contains("number"));
        cluster = rendered.deepCopy();
        ((ObjectNode) cluster.at("/spec/backup/barmanObjectStore/wal")).put("compression", "zip");
        assertThat(schema.validate(cluster)).extracting(Error::toString)
                .anyMatch(error -> error.contains("compression"));
        cluster = rendered.deepCopy();
        ((ObjectNode) cluster.at("/spec/managed/roles/0")).put("ensure", "exists");
        assertThat(schema.validate(cluster)).extracting(Error::toString)
                .anyMatch(error -> error.contains("ensure"));
        ObjectNode backup = Charts.named(objects, "ScheduledBackup", "gridflex-db-daily").deepCopy();
        assertThat(SCHEMAS.get("postgresql.cnpg.io/v1/ScheduledBackup").validate(backup)).isEmpty();
        ((ObjectNode) backup.at("/spec")).put("backupOwnerReference", "owner");
        assertThat(SCHEMAS.get("postgresql.cnpg.io/v1/ScheduledBackup").validate(backup)).isNotEmpty();
        ObjectNode database = Charts.named(objects, "Database", "gridflex-db-keycloak").deepCopy();
        assertThat(SCHEMAS.get("postgresql.cnpg.io/v1/Database").validate(database)).isEmpty();
        ((ObjectNode) database.at("/spec")).remove("cluster");
        assertThat(SCHEMAS.get("postgresql.cnpg.io/v1/Database").validate(database)).extracting(Error::toString)
                .anyMatch(error -> error.contains("cluster"));
    }
}
