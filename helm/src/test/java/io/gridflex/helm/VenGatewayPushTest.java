package io.gridflex.helm;

import static io.gridflex.helm.VenGatewayOpenAdrSecurityTest.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The ven-gateway's push listener: a program with {@code transport: push} brings the listener's keys into
 * programs.properties, its Secret mounted read-only, its container port, the Service ven-gateway-push, a NetworkPolicy
 * rule for its port and, when asked, its cert-manager Certificate; a push program without what it needs fails the
 * render by name; without a push program nothing of it is rendered.
 */
class VenGatewayPushTest {

    static final String SERVICE = "ven-gateway-push";

    /**
     * A polled program and a pushing one that offers only the ECDSA suite itself (so the listener's default suites
     * are what asks for the java.security override); the listener's certificate from cert-manager.
     */
    static final String PUSH = """
            ven-gateway:
              enabled: true
              programs:
                - id: polled
                  vtnUrl: https://vtn.a.example.com
                  venName: ven-a
                - id: capacity.b
                  vtnUrl: https://vtn.b.example.com
                  venName: ven-b
                  transport: push
                  tls:
                    secretName: b-client
                    trustedCertificates: {secretName: b-vtn-ca, key: ca.pem}
                    pinnedFingerprints: ["%s"]
                    cipherSuites: [TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256]
              push:
                publicUrl: https://ven.gridflex.example.com
                tls:
                  secretName: ven-push
                  certificate:
                    issuerRef: {name: openadr-ca, kind: ClusterIssuer}
                    dnsNames: [ven.gridflex.example.com]
                    duration: 8760h
                maxRequestBytes: 2097152
                requestTimeout: 20s
                maxConnections: 512
                service:
                  annotations: {service.beta.kubernetes.io/aws-load-balancer-type: nlb}
                  loadBalancerSourceRanges: [203.0.113.0/24]
            """.formatted(SHORT);

    @TempDir
    Path dir;

    Path values(String yaml) throws IOException {
        return Files.writeString(dir.resolve("values.yaml"), yaml);
    }

    /** {@link #PUSH} with {@code push:} (to the end) replaced by the YAML given, indented as the gateway's keys. */
    Path withListener(String push) throws IOException {
        return values(PUSH.substring(0, PUSH.indexOf("  push:\n")) + push.indent(2));
    }

    /** The push program alone, with the YAML lines given (its tls), and a complete listener. */
    Path pushProgram(String lines) throws IOException {
        return values(VenGatewayOpenAdrSecurityTest.oneProgramValues("transport: push\n" + lines) + """
                  push:
                    publicUrl: https://ven.example.com
                    tls: {secretName: ven-push}
                """);
    }

    /** The gateway's push keys, as its PushConfig and ProgramConfig name them (the tls group as in the other tests). */
    @ConfigMapping(prefix = "gridflex.gateway")
    interface Pushed {

        Map<String, Program> programs();

        Push push();

        interface Program {

            String venName();

            @WithDefault("pull")
            Transport transport();

            Optional<VenGatewayOpenAdrSecurityTest.Secured.Tls> tls();
        }

        enum Transport {
            PULL, PUSH
        }

        interface Push {

            Optional<Integer> port();

            Optional<URI> publicUrl();

            Optional<Path> certificate();

            Optional<Path> key();

            @WithName("cipher-suites")
            Optional<List<String>> cipherSuites();

            Optional<List<String>> protocols();

            Optional<Integer> maxRequestBytes();

            /** As the gateway's Quarkus duration converter reads it (plain SmallRye takes ISO-8601 only). */
            @WithName("request-timeout")
            Optional<String> requestTimeout();

            @WithName("idle-timeout")
            Optional<String> idleTimeout();

            @WithName("max-connections")
            Optional<Integer> maxConnections();
        }
    }

    Pushed readBack(List<JsonNode> objects) throws IOException {
        return VenGatewayOpenAdrSecurityTest.readBack(VenGatewayProgramsTest.programsProperties(objects), dir,
                Pushed.class);
    }

    static JsonNode ingress(List<JsonNode> objects) {
        return Charts.named(objects, "NetworkPolicy", "ven-gateway").at("/spec/ingress");
    }

    static boolean hasService(List<JsonNode> objects) {
        return Charts.ofKind(objects, "Service").stream()
                .anyMatch(service -> service.at("/metadata/name").asText().equals(SERVICE));
    }

    @Test
    void thePushProgramAndTheListenerAreTheseLinesReadBackAsTheGatewayReadsThem() throws IOException {
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, values(PUSH));
        assertThat(VenGatewayProgramsTest.programsProperties(objects)).isEqualTo("""
                # The ven-gateway's OpenADR programs, from the chart's `programs` values.
                gridflex.gateway.programs."polled".vtn.url=https://vtn.a.example.com
                gridflex.gateway.programs."polled".ven-name=ven-a
                gridflex.gateway.programs."capacity.b".vtn.url=https://vtn.b.example.com
                gridflex.gateway.programs."capacity.b".ven-name=ven-b
                gridflex.gateway.programs."capacity.b".transport=push
                gridflex.gateway.programs."capacity.b".tls.certificate=/etc/gridflex/openadr/1/tls/tls.crt
                gridflex.gateway.programs."capacity.b".tls.key=/etc/gridflex/openadr/1/tls/tls.key
                gridflex.gateway.programs."capacity.b".tls.trusted-certificates=/etc/gridflex/openadr/1/tls-trust/ca.pem
                gridflex.gateway.programs."capacity.b".tls.pinned-fingerprints=%s
                gridflex.gateway.programs."capacity.b".tls.cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
                # The push listener the VTNs of the push programs call, from the chart's `push` values.
                gridflex.gateway.push.port=8443
                gridflex.gateway.push.public-url=https://ven.gridflex.example.com
                gridflex.gateway.push.certificate=/etc/gridflex/openadr/push/tls.crt
                gridflex.gateway.push.key=/etc/gridflex/openadr/push/tls.key
                gridflex.gateway.push.max-request-bytes=2097152
                gridflex.gateway.push.request-timeout=20s
                gridflex.gateway.push.max-connections=512
                """.formatted(SHORT));
        Pushed read = readBack(objects);
        assertThat(read.programs().get("polled").transport()).isEqualTo(Pushed.Transport.PULL);
        assertThat(read.programs().get("capacity.b").transport()).isEqualTo(Pushed.Transport.PUSH);
        assertThat(read.programs().get("capacity.b").tls().orElseThrow().pinnedFingerprints()).contains(List.of(SHORT));
        assertThat(read.push().port()).contains(8443);
        assertThat(read.push().publicUrl()).contains(URI.create("https://ven.gridflex.example.com"));
        assertThat(read.push().maxRequestBytes()).contains(2_097_152);
        assertThat(read.push().requestTimeout()).contains("20s");
        assertThat(read.push().idleTimeout()).isEmpty();
        assertThat(read.push().maxConnections()).contains(512);
        assertThat(read.push().cipherSuites()).isEmpty();

        List<JsonNode> tunedObjects = Charts.render(Charts.GRIDFLEX, withListener("""
                push:
                  port: 9443
                  publicUrl: https://203.0.113.7:8443/
                  tls:
                    secretName: ven-push
                    cipherSuites: [TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TLS_AES_128_GCM_SHA256]
                    protocols: [TLSv1.2, TLSv1.3]
                """));
        Pushed tuned = readBack(tunedObjects);
        assertThat(tuned.push().port()).contains(9443);
        assertThat(tuned.push().publicUrl()).contains(URI.create("https://203.0.113.7:8443/"));
        assertThat(tuned.push().cipherSuites()).contains(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                "TLS_AES_128_GCM_SHA256"));
        assertThat(tuned.push().protocols()).contains(List.of("TLSv1.2", "TLSv1.3"));
        assertThat(tuned.push().maxRequestBytes()).isEmpty();
        // Neither the program nor the listener offers the RSA suite: the JVM keeps its policy.
        assertThat(ChartsTest.env(VenGatewayOpenAdrSecurityTest.container(tunedObjects), "JDK_JAVA_OPTIONS"))
                .doesNotContain("java.security");
    }

    @Test
    void theListenersSecretPortServiceAndNetworkPolicyRuleAreRendered() throws IOException {
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, values(PUSH));
        ObjectSchemasTest.assertValid("push", objects);

        // Its Secret's two keys, read-only, at the files the properties name.
        assertThat(VenGatewayOpenAdrSecurityTest.mountedFiles(objects))
                .containsEntry("/etc/gridflex/openadr/push/tls.crt", "secret ven-push/tls.crt")
                .containsEntry("/etc/gridflex/openadr/push/tls.key", "secret ven-push/tls.key");
        JsonNode container = VenGatewayOpenAdrSecurityTest.container(objects);
        assertThat(container.path("ports")).isEqualTo(Charts.YAML.readTree("""
                - {name: http, containerPort: 8080, protocol: TCP}
                - {name: openadr-push, containerPort: 8443, protocol: TCP}
                """));
        // The program offers only the ECDSA suite; the listener's default suites need the override.
        assertThat(ChartsTest.env(container, "JDK_JAVA_OPTIONS"))
                .contains(VenGatewayOpenAdrSecurityTest.JAVA_SECURITY_OPTION);

        JsonNode service = Charts.named(objects, "Service", SERVICE);
        assertThat(service.at("/metadata/annotations")).isEqualTo(Charts.YAML.readTree(
                "service.beta.kubernetes.io/aws-load-balancer-type: nlb"));
        assertThat(service.path("spec")).isEqualTo(Charts.YAML.readTree("""
                type: LoadBalancer
                selector: {app.kubernetes.io/name: ven-gateway, app.kubernetes.io/instance: gridflex}
                loadBalancerSourceRanges: [203.0.113.0/24]
                ports: [{name: openadr-push, port: 443, targetPort: openadr-push, protocol: TCP}]
                """));
        assertThat(ChartsTest.selects(service.at("/spec/selector"),
                VenGatewayProgramsTest.gatewayPod(objects).at("/metadata/labels"))).isTrue();
        // The API's Service stays inside the cluster, with its one port.
        assertThat(Charts.named(objects, "Service", "ven-gateway").at("/spec/ports").findValuesAsText("name"))
                .containsExactly("http");

        // The HTTP rule as without push, and the listener's port from anywhere (no `from`), nothing else.
        JsonNode pull = ingress(Charts.render(Charts.GRIDFLEX));
        assertThat(ingress(objects)).hasSize(2);
        assertThat(ingress(objects).get(0)).isEqualTo(pull.get(0));
        assertThat(ingress(objects).get(1)).isEqualTo(Charts.YAML.readTree("ports: [{port: 8443, protocol: TCP}]"));
        assertThat(Charts.named(objects, "NetworkPolicy", "ven-gateway").at("/spec/egress"))
                .isEqualTo(Charts.named(Charts.render(Charts.GRIDFLEX), "NetworkPolicy", "ven-gateway")
                        .at("/spec/egress"));
    }

    @Test
    void certManagerIssuesTheListenersServerCertificateWhenAsked() throws IOException {
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, values(PUSH));
        assertThat(Charts.ofKind(objects, "Certificate")).hasSize(1);
        assertThat(Charts.named(objects, "Certificate", "ven-push").path("spec")).isEqualTo(Charts.YAML.readTree("""
                secretName: ven-push
                dnsNames: [ven.gridflex.example.com]
                duration: 8760h
                usages: [server auth, digital signature, key encipherment]
                privateKey: {algorithm: RSA, size: 2048, encoding: PKCS8, rotationPolicy: Always}
                issuerRef: {name: openadr-ca, kind: ClusterIssuer, group: cert-manager.io}
                """));
        JsonNode ecdsa = Charts.named(Charts.render(Charts.GRIDFLEX, withListener("""
                push:
                  publicUrl: https://198.51.100.7
                  tls:
                    secretName: ven-push
                    certificate:
                      issuerRef: {name: openadr-ca, kind: Issuer}
                      commonName: gridflex-ven
                      ipAddresses: [198.51.100.7]
                      keyAlgorithm: ECDSA
                """)), "Certificate", "ven-push").path("spec");
        assertThat(ecdsa.path("commonName").asText()).isEqualTo("gridflex-ven");
        assertThat(ecdsa.path("ipAddresses").toString()).isEqualTo("[\"198.51.100.7\"]");
        assertThat(ecdsa.path("usages").toString()).isEqualTo("[\"server auth\",\"digital signature\"]");
        assertThat(ecdsa.path("privateKey").toString()).contains("\"algorithm\":\"ECDSA\"", "\"size\":256");

        // One Certificate per Secret, whoever asks for it.
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values(PUSH.replace("secretName: b-client",
                "secretName: ven-push\n        certificate: {issuerRef: {name: ca, kind: Issuer}, commonName: ven}"))))
                .hasMessageContaining("ven-gateway: push.tls.certificate writes the Secret \"ven-push\", as"
                        + " programs[1].tls.certificate does");
    }

    @Test
    void allowedFromNarrowsTheRuleAndTheServiceMayBeANodePortOrClusterIp() throws IOException {
        List<JsonNode> nodePort = Charts.render(Charts.GRIDFLEX, withListener("""
                push:
                  port: 9443
                  publicUrl: https://ven.example.com:30443
                  tls: {secretName: ven-push}
                  service:
                    type: NodePort
                    port: 9443
                    nodePort: 30443
                    externalTrafficPolicy: Local
                  allowedFrom:
                    - 198.51.100.0/24
                    - 2001:db8::/32
                    - namespaceSelector:
                        matchLabels: {kubernetes.io/metadata.name: vtn-proxy}
                """));
        ObjectSchemasTest.assertValid("NodePort", nodePort);
        assertThat(ingress(nodePort).get(1)).isEqualTo(Charts.YAML.readTree("""
                ports: [{port: 9443, protocol: TCP}]
                from:
                  - ipBlock: {cidr: 198.51.100.0/24}
                  - ipBlock: {cidr: "2001:db8::/32"}
                  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: vtn-proxy}}
                """));
        assertThat(Charts.named(nodePort, "Service", SERVICE).path("spec")).isEqualTo(Charts.YAML.readTree("""
                type: NodePort
                selector: {app.kubernetes.io/name: ven-gateway, app.kubernetes.io/instance: gridflex}
                externalTrafficPolicy: Local
                ports: [{name: openadr-push, port: 9443, targetPort: openadr-push, protocol: TCP, nodePort: 30443}]
                """));
        assertThat(VenGatewayOpenAdrSecurityTest.container(nodePort).at("/ports/1/containerPort").asInt())
                .isEqualTo(9443);

        List<JsonNode> clusterIp = Charts.render(Charts.GRIDFLEX, withListener("""
                push:
                  publicUrl: https://ven.example.com
                  tls: {secretName: ven-push}
                  service: {type: ClusterIP, loadBalancerSourceRanges: []}
                """));
        ObjectSchemasTest.assertValid("ClusterIP", clusterIp);
        assertThat(Charts.named(clusterIp, "Service", SERVICE).at("/spec/type").asText()).isEqualTo("ClusterIP");
    }

    @Test
    void aPushProgramWithoutWhatItNeedsFailsTheRenderNamingIt() throws IOException {
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, withListener("""
                push:
                  publicUrl: https://ven.example.com
                """))).hasMessageContaining("ven-gateway: programs[1] (\"capacity.b\") has transport: push, and the"
                + " push listener has no certificate: set push.tls.secretName");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, withListener("""
                push:
                  tls: {secretName: ven-push}
                """))).hasMessageContaining("ven-gateway: programs[1] (\"capacity.b\") has transport: push, and"
                + " push.publicUrl is not set");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, pushProgram("tls: {secretName: client}")))
                .hasMessageContaining("ven-gateway: programs[0] (\"p\") has transport: push, which needs"
                        + " tls.trustedCertificates");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, pushProgram("")))
                .hasMessageContaining("programs[0] (\"p\") has transport: push, which needs tls.trustedCertificates");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, pushProgram("""
                pollInterval: 10s
                tls: {secretName: client, trustedCertificates: {key: ca.crt}}
                """))).hasMessageContaining("programs[0] (\"p\") has transport: push and a pollInterval");
    }

    @Test
    void pushValuesTheSchemaRefuses() throws IOException {
        Map<String, String> refusals = Map.of(
                "push: {publicUrl: https://ven.example.com, enabled: true}", "additional properties 'enabled'",
                "push: {publicUrl: https://ven.example.com/gridflex}", "at '/push/publicUrl'",
                "push: {publicUrl: http://ven.example.com}", "at '/push/publicUrl'",
                "push: {port: 8080}", "at '/push/port'",
                "push: {port: 443}", "at '/push/port'",
                "push: {service: {type: ExternalName}}", "at '/push/service/type'",
                "push: {service: {type: NodePort, loadBalancerSourceRanges: [203.0.113.0/24]}}",
                "at '/push/service/loadBalancerSourceRanges'",
                "push: {service: {type: ClusterIP, nodePort: 30443}}", "at '/push/service/nodePort'",
                "push: {allowedFrom: [everyone]}", "at '/push/allowedFrom/0'",
                "push: {tls: {secretName: p, certificate: {issuerRef: {name: ca, kind: Issuer}}}}",
                "at '/push/tls/certificate'");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, withListener(refusal.getKey() + "\n")))
                    .as(refusal.getKey())
                    .hasMessageContaining("values don't meet the specifications of the schema")
                    .hasMessageContaining(refusal.getValue());
        }
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values(PUSH.replace("transport: push",
                "transport: poll"))))
                .hasMessageContaining("at '/programs/1/transport'");
    }

    @Test
    void withoutAPushProgramNothingOfTheListenerIsRendered() throws IOException {
        List<JsonNode> defaults = Charts.render(Charts.GRIDFLEX);
        String pullOnly = PUSH.replace("transport: push", "transport: pull");
        List<JsonNode> withListenerValues = Charts.render(Charts.GRIDFLEX, values(pullOnly));
        List<JsonNode> withoutListenerValues = Charts.render(Charts.GRIDFLEX,
                values(pullOnly.substring(0, pullOnly.indexOf("  push:\n"))));
        // The push values change nothing while no program pushes.
        assertThat(withListenerValues).isEqualTo(withoutListenerValues);
        for (List<JsonNode> objects : List.of(defaults, withListenerValues)) {
            assertThat(hasService(objects)).isFalse();
            assertThat(Charts.ofKind(objects, "Certificate")).isEmpty();
            assertThat(VenGatewayOpenAdrSecurityTest.container(objects).path("ports")).hasSize(1);
            assertThat(ingress(objects)).hasSize(1);
            assertThat(VenGatewayProgramsTest.programsProperties(objects)).doesNotContain("gridflex.gateway.push.");
            assertThat(VenGatewayOpenAdrSecurityTest.mountedFiles(objects).keySet())
                    .noneMatch(file -> file.contains("/push/"));
        }
        assertThat(VenGatewayProgramsTest.programsProperties(withListenerValues))
                .contains("gridflex.gateway.programs.\"capacity.b\".transport=pull\n");
    }

    @Test
    void theInstallNotesSayWhereThePublicUrlMustLead() {
        String notes = new Helm(Charts.GRIDFLEX).install().withName("gridflex").withNamespace("gridflex")
                .withKubeVersion(Charts.KUBE_VERSION).dryRun().clientOnly()
                .withValuesFile(Charts.GRIDFLEX.resolve("examples/openadr-push.yaml")).call().getOutput();
        assertThat(notes).contains("OpenADR push (capacity-east): the VTNs call https://ven.gridflex.example.com,"
                + " which must lead to the Service\nven-gateway-push (kubectl -n gridflex get service ven-gateway-push");
        assertThat(new Helm(Charts.GRIDFLEX).install().withName("gridflex").withNamespace("gridflex")
                .withKubeVersion(Charts.KUBE_VERSION).dryRun().clientOnly().call().getOutput())
                .contains("is installed in gridflex").doesNotContain("push");
    }
}
