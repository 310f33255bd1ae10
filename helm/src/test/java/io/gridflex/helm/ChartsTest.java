package io.gridflex.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/**
 * Every chart lints, and renders for its defaults and for each example values file into objects with the production
 * manners the platform asks of every workload: probes, limits, a non-root read-only container, a NetworkPolicy, a
 * PodDisruptionBudget for the replicated services, and a ServiceMonitor.
 */
class ChartsTest {

    /** Values the site-agent chart cannot do without (it has no site by default). */
    static final Map<String, Object> SITE = Map.of("site.id", "site-x", "site.minersSecret", "miners",
            "kafka.bootstrapServers", "kafka.example.com:9094", "kafka.credentialsSecret", "site-x-kafka",
            "statusPasswordSecret", "site-x-status");

    static Stream<Arguments> renderings() {
        List<Arguments> renderings = new ArrayList<>();
        renderings.add(Arguments.of("gridflex defaults", Charts.render(Charts.GRIDFLEX)));
        for (Path example : Charts.examples(Charts.GRIDFLEX)) {
            renderings.add(Arguments.of("gridflex " + example.getFileName(), Charts.render(Charts.GRIDFLEX, example)));
        }
        renderings.add(Arguments.of("site-agent defaults + site",
                Charts.render(Charts.SITE_AGENT, List.of(), SITE)));
        for (Path example : Charts.examples(Charts.SITE_AGENT)) {
            renderings.add(
                    Arguments.of("site-agent " + example.getFileName(), Charts.render(Charts.SITE_AGENT, example)));
        }
        return renderings.stream();
    }

    @Test
    void chartsLintCleanly() {
        LintResult gridflex = new Helm(Charts.GRIDFLEX).lint().strict().call();
        assertThat(gridflex.isFailed()).as(String.join("\n", gridflex.getMessages())).isFalse();
    }

    @Test
    void siteAgentLintsOnceItsSiteIsGiven() {
        // Helm lints with the chart's defaults, and the agent has no site by default: the schema says what is missing.
        LintResult siteAgent = new Helm(Charts.SITE_AGENT).lint().call();
        assertThat(siteAgent.isFailed()).isTrue();
        assertThat(String.join("\n", siteAgent.getMessages())).contains("site").contains("id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyContainerHasProbesLimitsAndARestrictedSecurityContext(String rendering, List<JsonNode> objects) {
        List<JsonNode> workloads = new ArrayList<>(Charts.ofKind(objects, "Deployment"));
        workloads.addAll(Charts.ofKind(objects, "StatefulSet"));
        assertThat(workloads).as(rendering).isNotEmpty();
        for (JsonNode workload : workloads) {
            String name = workload.at("/metadata/name").asText();
            JsonNode pod = workload.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
            for (JsonNode container : pod.path("containers")) {
                assertThat(container.at("/startupProbe/httpGet/path").asText()).as(name).isEqualTo("/q/health/started");
                assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(name).isEqualTo("/q/health/live");
                assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(name).isEqualTo("/q/health/ready");
                for (String quantity : List.of("/resources/requests/cpu", "/resources/requests/memory",
                        "/resources/limits/cpu", "/resources/limits/memory")) {
                    assertThat(container.at(quantity).isMissingNode()).as(name + quantity).isFalse();
                }
                JsonNode security = container.path("securityContext");
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
                assertThat(security.at("/capabilities/drop").toString()).as(name).contains("ALL");
                assertThat(container.path("image").asText()).as(name).matches("(.+/)?gridflex/[a-z-]+:.+");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyWorkloadIsCoveredByANetworkPolicyAServiceMonitorAndWhenReplicatedAPdb(String rendering,
            List<JsonNode> objects) {
        List<JsonNode> workloads = new ArrayList<>(Charts.ofKind(objects, "Deployment"));
        workloads.addAll(Charts.ofKind(objects, "StatefulSet"));
        for (JsonNode workload : workloads) {
            JsonNode labels = workload.at("/spec/template/metadata/labels");
            String name = workload.at("/metadata/name").asText();
            assertThat(Charts.ofKind(objects, "NetworkPolicy")).as(name + " has a NetworkPolicy")
                    .anySatisfy(policy -> {
                        assertThat(selects(policy.at("/spec/podSelector/matchLabels"), labels)).isTrue();
                        assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
                    });
            assertThat(Charts.ofKind(objects, "ServiceMonitor")).as(name + " is scraped")
                    .anySatisfy(monitor -> {
                        assertThat(selects(monitor.at("/spec/selector/matchLabels"), labels)).isTrue();
                        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
                    });
            if (workload.path("kind").asText().equals("Deployment")) {
                assertThat(Charts.ofKind(objects, "PodDisruptionBudget")).as(name + " has a PDB")
                        .anySatisfy(pdb -> assertThat(selects(pdb.at("/spec/selector/matchLabels"), labels)).isTrue());
            }
        }
    }

    @Test
    void theGatewayIsNeverTwoPodsAtOnceWhileTheOtherServicesRollWithASurge() {
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX);
        JsonNode gateway = Charts.named(objects, "Deployment", "ven-gateway");
        assertThat(gateway.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(gateway.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(gateway.at("/spec/strategy/rollingUpdate").isMissingNode()).isTrue();
        JsonNode dispatch = Charts.named(objects, "Deployment", "dispatch");
        assertThat(dispatch.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(dispatch.at("/spec/strategy/rollingUpdate/maxSurge").asInt()).isEqualTo(1);
    }

    @Test
    void theSiteAgentKeepsItsStateAndJournalOnAPersistentVolume() {
        List<JsonNode> objects = Charts.render(Charts.SITE_AGENT, List.of(), SITE);
        JsonNode agent = Charts.named(objects, "StatefulSet", "site-agent-site-x");
        assertThat(agent.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(agent.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("state");
        JsonNode container = agent.at("/spec/template/spec/containers/0");
        assertThat(container.path("volumeMounts").toString()).contains("/var/lib/gridflex");
        assertThat(env(container, "GRIDFLEX_SITE_STATE_FILE")).startsWith("/var/lib/gridflex/");
        assertThat(env(container, "GRIDFLEX_SITE_IMPORT_HEADROOM_KW")).isEqualTo("0");
        assertThat(env(container, "GRIDFLEX_SITE_OTHER_LOAD_PEAK_WINDOW")).isEqualTo("5m");
        assertThat(env(container, "GRIDFLEX_SITE_SHED_POWER_TARGET_FLOOR")).isEqualTo("0.5");
        assertThat(env(container, "GRIDFLEX_SITE_MINER_READ_CONCURRENCY")).isEqualTo("256");
        assertThat(env(container, "GRIDFLEX_SITE_MINER_READ_YIELD")).isEqualTo("1s");
        assertThat(env(container, "GRIDFLEX_SITE_MINER_READ_QUIET_AHEAD")).isEqualTo("500ms");
        assertThat(env(container, "GRIDFLEX_SITE_LINK_DIRECTORY")).startsWith("/var/lib/gridflex/");
    }

    @Test
    void theSiteAgentReadsMinerLoginsFromAMountedSecretAndItsMeterAndScanWhenEnabled() {
        Map<String, Object> sets = new java.util.HashMap<>(SITE);
        List<JsonNode> without = Charts.render(Charts.SITE_AGENT, List.of(), sets);
        JsonNode plain = Charts.named(without, "StatefulSet", "site-agent-site-x")
                .at("/spec/template/spec/containers/0");
        assertThat(plain.path("env").toString()).doesNotContain("GRIDFLEX_SITE_MINER_CREDENTIALS_FILE")
                .doesNotContain("GRIDFLEX_SITE_METER_ENABLED");

        sets.put("site.minerCredentialsSecret", "site-x-logins");
        sets.put("meter.enabled", true);
        sets.put("meter.host", "10.20.0.250");
        sets.put("scan.enabled", true);
        sets.put("scan.ranges[0]", "10.20.0.0/24");
        sets.put("scan.ranges[1]", "10.20.1.10-10.20.1.200");
        JsonNode agent = Charts.named(Charts.render(Charts.SITE_AGENT, List.of(), sets), "StatefulSet",
                "site-agent-site-x");
        JsonNode container = agent.at("/spec/template/spec/containers/0");
        assertThat(env(container, "GRIDFLEX_SITE_MINER_CREDENTIALS_FILE"))
                .isEqualTo("/etc/gridflex/miners/credentials.properties");
        assertThat(container.path("volumeMounts").toString()).contains("/etc/gridflex/miners");
        assertThat(agent.at("/spec/template/spec/volumes").toString()).contains("site-x-logins")
                .contains("credentials.properties");
        assertThat(env(container, "GRIDFLEX_SITE_METER_ENABLED")).isEqualTo("true");
        assertThat(env(container, "GRIDFLEX_SITE_METER_HOST")).isEqualTo("10.20.0.250");
        assertThat(env(container, "GRIDFLEX_SITE_SCAN_RANGES")).isEqualTo("10.20.0.0/24,10.20.1.10-10.20.1.200");
    }

    @Test
    void servicesTakeTheirCredentialsFromSecretsAndTheOperatorsTheirAddresses() {
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX);
        JsonNode dispatch = Charts.named(objects, "Deployment", "dispatch").at("/spec/template/spec/containers/0");
        assertThat(env(dispatch, "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("gridflex-kafka-bootstrap:9093");
        assertThat(env(dispatch, "QUARKUS_DATASOURCE_JDBC_URL"))
                .isEqualTo("jdbc:postgresql://gridflex-db-rw:5432/gridflex");
        assertThat(env(dispatch, "GRIDFLEX_SITE_LINK_PROVISIONING")).isEqualTo("false");
        assertThat(secretRef(dispatch, "GRIDFLEX_KAFKA_PASSWORD")).isEqualTo("dispatch/password");
        assertThat(secretRef(dispatch, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("gridflex-db-app/password");
        // No value in the rendered objects is a password: every secret comes through a secretKeyRef.
        for (JsonNode deployment : Charts.ofKind(objects, "Deployment")) {
            for (JsonNode variable : deployment.at("/spec/template/spec/containers/0/env")) {
                if (variable.path("name").asText().matches(".*(PASSWORD|SECRET).*")) {
                    assertThat(variable.has("valueFrom")).as(variable.toString()).isTrue();
                }
            }
        }
    }

    @Test
    void theRealmImportIsTheLocalStacksRealmWithoutItsDemoUsers() throws Exception {
        Path realmFile = Charts.HELM.resolve("../deploy/keycloak/gridflex-realm.json").normalize();
        assertThat(Charts.GRIDFLEX.resolve("files/gridflex-realm.json")).as("the chart's copy of the realm")
                .hasSameTextualContentAs(realmFile);
        JsonNode realm = Charts.named(Charts.render(Charts.GRIDFLEX), "KeycloakRealmImport",
                "gridflex-keycloak-gridflex-realm").path("spec");
        assertThat(realm.at("/realm/realm").asText()).isEqualTo("gridflex");
        assertThat(realm.at("/realm/users").findValuesAsText("username"))
                .allMatch(user -> user.startsWith("service-account-")).hasSize(4);
        assertThat(realm.at("/placeholders/GRIDFLEX_SECRET_SETTLEMENT/secret/name").asText())
                .isEqualTo("gridflex-oidc-settlement");
        JsonNode original = Charts.YAML.readTree(realmFile.toFile());
        assertThat(realm.at("/realm/clients")).isEqualTo(original.path("clients"));
    }

    @Test
    void operatorsAreOptional() {
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX,
                Charts.GRIDFLEX.resolve("examples/existing-infrastructure.yaml"));
        assertThat(objects).extracting(o -> o.path("apiVersion").asText())
                .noneMatch(api -> api.contains("strimzi") || api.contains("cnpg") || api.contains("keycloak"));
        assertThat(Charts.ofKind(objects, "Deployment")).hasSize(3);
    }

    @Test
    void openAdrClientCertificatesComeFromCertManagerPerProgramWhenAsked() {
        assertThat(Charts.ofKind(Charts.render(Charts.GRIDFLEX), "Certificate")).isEmpty();
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, Charts.GRIDFLEX.resolve("examples/production.yaml"));
        assertThat(Charts.ofKind(objects, "Certificate")).hasSize(1);
        JsonNode certificate = Charts.named(objects, "Certificate", "summer-peak-openadr");
        assertThat(certificate.at("/spec/usages").toString()).contains("client auth");
        JsonNode gateway = Charts.named(objects, "Deployment", "ven-gateway").at("/spec/template/spec");
        assertThat(gateway.path("volumes").findValuesAsText("secretName"))
                .contains(certificate.at("/spec/secretName").asText());
        // PEM files per program, no JVM-wide key store.
        assertThat(env(gateway.at("/containers/0"), "JDK_JAVA_OPTIONS")).doesNotContain("javax.net.ssl");
    }

    /** Consumer lag comes from the brokers' side: dispatch and settlement keep no Kafka client metrics. */
    @Test
    void theKafkaClusterRunsTheExporterForThePlatformsGroupsUnlessTurnedOff() {
        JsonNode kafka = Charts.named(Charts.render(Charts.GRIDFLEX), "Kafka", "gridflex");
        assertThat(kafka.at("/spec/kafkaExporter/groupRegex").asText()).isEqualTo("gridflex-.*");
        assertThat("gridflex.site-schedules.v1.site-a").matches(kafka.at("/spec/kafkaExporter/topicRegex").asText());
        assertThat("other.topic").doesNotMatch(kafka.at("/spec/kafkaExporter/topicRegex").asText());

        JsonNode without = Charts.named(Charts.render(Charts.GRIDFLEX, List.of(),
                Map.of("strimzi.kafka.exporter.enabled", false)), "Kafka", "gridflex");
        assertThat(without.at("/spec").has("kafkaExporter")).isFalse();
    }

    @Test
    void theGrafanaDashboardIsValidJsonWithTheAskedPanels() throws Exception {
        JsonNode configMap = Charts.named(Charts.render(Charts.GRIDFLEX), "ConfigMap", "gridflex-dashboard");
        JsonNode dashboard = Charts.YAML.readTree(configMap.at("/data/gridflex.json").asText());
        assertThat(dashboard.path("panels").findValuesAsText("title")).contains("Event delivery", "Shed latency",
                "Telemetry lag", "Per-site health");
    }

    /**
     * The operators' objects: the values the services and the operators depend on. The Keycloak Operator's have no
     * schema in this build, so this is all that checks their fields; CloudNativePG's and cert-manager's are also
     * validated against their schemas (ObjectSchemasTest).
     */
    @Test
    void theOperatorsObjectsHaveTheValuesTheServicesAndOperatorsDependOn() {
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, Charts.GRIDFLEX.resolve("examples/production.yaml"));
        JsonNode cluster = Charts.named(objects, "Cluster", "gridflex-db");
        assertThat(cluster.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
        assertThat(cluster.at("/spec/bootstrap/initdb/database").asText()).isEqualTo("gridflex");
        assertThat(cluster.at("/spec/storage/size").asText()).isNotEmpty();
        assertThat(cluster.at("/spec/backup/barmanObjectStore/destinationPath").asText()).startsWith("s3://");
        assertThat(cluster.at("/spec/managed/roles/0/passwordSecret/name").asText()).isEqualTo("gridflex-keycloak-db");
        JsonNode backup = Charts.named(objects, "ScheduledBackup", "gridflex-db-daily");
        assertThat(backup.at("/spec/cluster/name").asText()).isEqualTo("gridflex-db");
        assertThat(backup.at("/spec/schedule").asText().split(" ")).hasSize(6);
        JsonNode database = Charts.named(objects, "Database", "gridflex-db-keycloak");
        assertThat(database.at("/spec/owner").asText()).isEqualTo(cluster.at("/spec/managed/roles/0/name").asText());

        JsonNode keycloak = Charts.named(objects, "Keycloak", "gridflex-keycloak");
        assertThat(keycloak.path("apiVersion").asText()).isEqualTo("k8s.keycloak.org/v2alpha1");
        assertThat(keycloak.at("/spec/db/vendor").asText()).isEqualTo("postgres");
        assertThat(keycloak.at("/spec/db/host").asText()).isEqualTo("gridflex-db-rw");
        assertThat(keycloak.at("/spec/http/tlsSecret").asText()).isEqualTo("auth-gridflex-tls");
        assertThat(keycloak.at("/spec/hostname/hostname").asText()).isEqualTo("https://auth.gridflex.example.com");
        JsonNode realm = Charts.named(objects, "KeycloakRealmImport", "gridflex-keycloak-gridflex-realm");
        assertThat(realm.at("/spec/keycloakCRName").asText()).isEqualTo("gridflex-keycloak");
        JsonNode settlementClient = realm.at("/spec/realm/clients").findParents("clientId").stream()
                .filter(client -> client.path("clientId").asText().equals("settlement")).findFirst().orElseThrow();
        assertThat(settlementClient.path("redirectUris").toString())
                .isEqualTo("[\"https://billing.gridflex.example.com/*\"]");

        JsonNode ingress = Charts.named(objects, "Ingress", "settlement");
        assertThat(ingress.at("/spec/rules/0/http/paths").findValuesAsText("path")).contains("/ui");
        assertThat(Charts.named(objects, "NetworkPolicy", "settlement").at("/spec/ingress/0/from").toString())
                .contains("ingress-nginx");

        JsonNode certificate = Charts.named(objects, "Certificate", "summer-peak-openadr");
        assertThat(certificate.path("apiVersion").asText()).isEqualTo("cert-manager.io/v1");
        assertThat(certificate.at("/spec/issuerRef/name").asText()).isEqualTo("utility-openadr-ca");
        assertThat(certificate.at("/spec/issuerRef/kind").asText()).isEqualTo("ClusterIssuer");
        assertThat(certificate.at("/spec/commonName").asText()).isEqualTo("gridflex-ven-01");
        // PEM (tls.crt, tls.key as PKCS#8, ca.crt), which the gateway reads; no key store.
        assertThat(certificate.at("/spec/privateKey/encoding").asText()).isEqualTo("PKCS8");
        assertThat(certificate.at("/spec").has("keystores")).isFalse();
    }

    /**
     * The egress to Kafka and PostgreSQL is opened on the ports their addresses name: existing infrastructure on other
     * ports than the operators' (9093, 5432) stays reachable, and a Kafka address without a port is refused.
     */
    @Test
    void networkPoliciesOpenTheKafkaAndPostgresPortsTheAddressesName() {
        Map<String, Object> elsewhere = Map.of(
                "global.kafka.bootstrapServers", "kafka-0.example.internal:9094,kafka-1.example.internal:9096",
                "global.postgres.jdbcUrl",
                "jdbc:postgresql://pg-a.example.internal:6432,pg-b.example.internal/gridflex");
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX,
                List.of(Charts.GRIDFLEX.resolve("examples/existing-infrastructure.yaml")), elsewhere);
        JsonNode egress = Charts.named(objects, "NetworkPolicy", "dispatch").at("/spec/egress");
        assertThat(egress.get(1).path("ports").findValuesAsText("port")).containsExactly("9094", "9096");
        assertThat(egress.get(1).at("/to/0/ipBlock/cidr").asText()).isEqualTo("10.40.0.0/16");
        assertThat(egress.get(2).path("ports").findValuesAsText("port")).containsExactly("6432", "5432");
        assertThat(egress.get(2).at("/to/0/ipBlock/cidr").asText()).isEqualTo("10.41.0.0/24");
        // The operators' own: Strimzi's internal TLS listener and CloudNativePG's read-write service.
        JsonNode own = Charts.named(Charts.render(Charts.GRIDFLEX), "NetworkPolicy", "dispatch").at("/spec/egress");
        assertThat(own.get(1).path("ports").findValuesAsText("port")).containsExactly("9093");
        assertThat(own.get(2).path("ports").findValuesAsText("port")).containsExactly("5432");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX,
                List.of(Charts.GRIDFLEX.resolve("examples/existing-infrastructure.yaml")),
                Map.of("global.kafka.bootstrapServers", "kafka.example.internal")))
                .hasMessageContaining("has no port");
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> label : selector.properties()) {
            if (!label.getValue().equals(labels.path(label.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static String env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("value").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + container.path("name"));
    }

    static String secretRef(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                JsonNode ref = variable.at("/valueFrom/secretKeyRef");
                return ref.path("name").asText() + "/" + ref.path("key").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + container.path("name"));
    }
}
