package io.gridflex.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithName;

/**
 * The ven-gateway's per-program OpenADR security: each program's {@code tls} and {@code signature} values become its
 * {@code tls.*} and {@code signature.*} keys in programs.properties, naming files of the program's Secrets mounted
 * read-only in the pod; cert-manager Certificates when asked for; the gateway's java.security override when a program
 * may offer the RSA suite; and the schema's refusals.
 */
class VenGatewayOpenAdrSecurityTest {

    static final String SOURCE_OVERRIDE = "services/ven-gateway/src/main/security/openadr-tls.java.security";
    static final Path CHART_OVERRIDE = Charts.GRIDFLEX.resolve("charts/ven-gateway/files/openadr-tls.java.security");
    static final String JAVA_SECURITY_OPTION = "-Djava.security.properties=";

    static final String FULL = "e60cfe2f565364eaec35e60cfe2f565364eaec35e60cfe2f565364eaec350a0b";
    static final String FULL_COLONS = "E6:0C:FE:2F:56:53:64:EA:EC:35:E6:0C:FE:2F:56:53:64:EA:EC:35:E6:0C:FE:2F:56:53:64"
            + ":EA:EC:35:0A:0B";
    static final String SHORT = "E6:0C:FE:2F:56:53:64:EA:EC:35";

    /**
     * Four programs: none of it; tls and signature from one Secret (the CA from it too); every Secret its own, only
     * the ECDSA suite; signatures without tls.
     */
    static final String FOUR_PROGRAMS = """
            ven-gateway:
              enabled: true
              programs:
                - id: plain
                  vtnUrl: https://vtn.a.example.com
                  venName: ven-a
                - id: summer-peak
                  vtnUrl: https://vtn.b.example.com
                  venName: ven-b
                  tls:
                    secretName: summer-peak-openadr
                    trustedCertificates: {key: ca.crt}
                    pinnedFingerprints: ["%s", "%s"]
                  signature:
                    trustedFingerprints: ["%s"]
                    replayWindow: 2m
                - id: coop.capacity
                  vtnUrl: https://vtn.c.example.com
                  venName: ven-c
                  tls:
                    secretName: coop-client
                    trustedCertificates: {secretName: openadr-roots, key: roots.pem}
                    cipherSuites: [TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256]
                    protocols: [TLSv1.2, TLSv1.3]
                  signature:
                    secretName: coop-signing
                    trustedCertificates: {secretName: coop-vtn-signers, keys: [a.pem, b.pem]}
                    trustedFingerprints: ["%s"]
                - id: signed-only
                  vtnUrl: http://vtn.d.example.com
                  venName: ven-d
                  signature:
                    secretName: d-signing
                    trustedCertificates: {secretName: d-vtn-signers, keys: [vtn.pem]}
            """.formatted(FULL, SHORT, FULL_COLONS, SHORT);

    @TempDir
    Path dir;

    Path values(String yaml) throws IOException {
        return Files.writeString(dir.resolve("values.yaml"), yaml);
    }

    /** A values file of one program with the given YAML lines (indented as its keys) after id, vtnUrl and venName. */
    Path oneProgram(String lines) throws IOException {
        return values(oneProgramValues(lines));
    }

    /** The values of {@link #oneProgram}; more of the gateway's keys may follow, indented by two. */
    static String oneProgramValues(String lines) {
        return """
                ven-gateway:
                  enabled: true
                  programs:
                    - id: p
                      vtnUrl: https://vtn.example.com
                      venName: ven
                """ + lines.indent(6);
    }

    /** The gateway's tls and signature groups, as its TlsConfig and SignatureConfig name them. */
    @ConfigMapping(prefix = "gridflex.gateway")
    interface Secured {

        Map<String, Program> programs();

        interface Program {

            String venName();

            Optional<Tls> tls();

            Optional<Signature> signature();
        }

        interface Tls {

            Optional<String> certificate();

            Optional<String> key();

            Optional<String> trustedCertificates();

            Optional<List<String>> pinnedFingerprints();

            Optional<String> pinnedFingerprintsFile();

            @WithName("cipher-suites")
            Optional<List<String>> cipherSuites();

            Optional<List<String>> protocols();
        }

        interface Signature {

            String key();

            String certificate();

            Optional<List<String>> trustedCertificates();

            Optional<List<String>> trustedFingerprints();

            Optional<String> trustedFingerprintsFile();

            Optional<String> replayWindow();
        }
    }

    static Secured readBack(String properties, Path dir) throws IOException {
        return readBack(properties, dir, Secured.class);
    }

    /** The properties read with SmallRye Config through {@code mapping}, keys it does not name left alone. */
    static <T> T readBack(String properties, Path dir, Class<T> mapping) throws IOException {
        Path file = Files.writeString(dir.resolve("programs.properties"), properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(file.toUri().toURL(), 250))
                .withMapping(mapping).withValidateUnknown(false).build();
        return config.getConfigMapping(mapping);
    }

    static JsonNode container(List<JsonNode> objects) {
        return VenGatewayProgramsTest.gatewayPod(objects).at("/spec/containers/0");
    }

    /**
     * Every file the gateway's container sees from a Secret or ConfigMap volume: its path, and where it comes from
     * ({@code secret <name>/<key>} or {@code configMap <name>/<key>}), each mount checked read-only.
     */
    static Map<String, String> mountedFiles(List<JsonNode> objects) {
        JsonNode pod = VenGatewayProgramsTest.gatewayPod(objects).path("spec");
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        pod.path("volumes").forEach(volume -> volumes.put(volume.path("name").asText(), volume));
        Map<String, String> files = new LinkedHashMap<>();
        for (JsonNode mount : pod.at("/containers/0/volumeMounts")) {
            JsonNode volume = volumes.get(mount.path("name").asText());
            assertThat(volume).as("the volume of " + mount).isNotNull();
            String source = volume.has("secret") ? "secret" : volume.has("configMap") ? "configMap" : null;
            if (source == null) {
                continue;
            }
            assertThat(mount.path("readOnly").asBoolean()).as(mount.toString()).isTrue();
            JsonNode of = volume.path(source);
            String name = of.path(source.equals("secret") ? "secretName" : "name").asText();
            if (of.has("items")) {
                for (JsonNode item : of.path("items")) {
                    files.put(mount.path("mountPath").asText() + "/" + item.path("path").asText(),
                            source + " " + name + "/" + item.path("key").asText());
                }
            } else if (source.equals("configMap")) {
                // Without items every key of the ConfigMap is a file of the mount.
                Charts.named(objects, "ConfigMap", name).path("data").fieldNames().forEachRemaining(
                        key -> files.put(mount.path("mountPath").asText() + "/" + key,
                                "configMap " + name + "/" + key));
            }
        }
        return files;
    }

    @Test
    void eachProgramsTlsAndSignatureAreExactlyTheseLines() throws IOException {
        String properties = VenGatewayProgramsTest.programsProperties(Charts.render(Charts.GRIDFLEX,
                values(FOUR_PROGRAMS)));
        assertThat(properties).isEqualTo(
                """
                        # The ven-gateway's OpenADR programs, from the chart's `programs` values.
                        gridflex.gateway.programs."plain".vtn.url=https://vtn.a.example.com
                        gridflex.gateway.programs."plain".ven-name=ven-a
                        gridflex.gateway.programs."summer-peak".vtn.url=https://vtn.b.example.com
                        gridflex.gateway.programs."summer-peak".ven-name=ven-b
                        gridflex.gateway.programs."summer-peak".tls.certificate=/etc/gridflex/openadr/1/tls/tls.crt
                        gridflex.gateway.programs."summer-peak".tls.key=/etc/gridflex/openadr/1/tls/tls.key
                        gridflex.gateway.programs."summer-peak".tls.trusted-certificates=/etc/gridflex/openadr/1/tls/ca.crt
                        gridflex.gateway.programs."summer-peak".tls.pinned-fingerprints=%s,%s
                        gridflex.gateway.programs."summer-peak".signature.key=/etc/gridflex/openadr/1/tls/tls.key
                        gridflex.gateway.programs."summer-peak".signature.certificate=/etc/gridflex/openadr/1/tls/tls.crt
                        gridflex.gateway.programs."summer-peak".signature.trusted-fingerprints=%s
                        gridflex.gateway.programs."summer-peak".signature.replay-window=2m
                        gridflex.gateway.programs."coop.capacity".vtn.url=https://vtn.c.example.com
                        gridflex.gateway.programs."coop.capacity".ven-name=ven-c
                        gridflex.gateway.programs."coop.capacity".tls.certificate=/etc/gridflex/openadr/2/tls/tls.crt
                        gridflex.gateway.programs."coop.capacity".tls.key=/etc/gridflex/openadr/2/tls/tls.key
                        gridflex.gateway.programs."coop.capacity".tls.trusted-certificates=/etc/gridflex/openadr/2/tls-trust/roots.pem
                        gridflex.gateway.programs."coop.capacity".tls.cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
                        gridflex.gateway.programs."coop.capacity".tls.protocols=TLSv1.2,TLSv1.3
                        gridflex.gateway.programs."coop.capacity".signature.key=/etc/gridflex/openadr/2/signature/tls.key
                        gridflex.gateway.programs."coop.capacity".signature.certificate=/etc/gridflex/openadr/2/signature/tls.crt
                        gridflex.gateway.programs."coop.capacity".signature.trusted-certificates=/etc/gridflex/openadr/2/signers/a.pem,/etc/gridflex/openadr/2/signers/b.pem
                        gridflex.gateway.programs."coop.capacity".signature.trusted-fingerprints=%s
                        gridflex.gateway.programs."signed-only".vtn.url=http://vtn.d.example.com
                        gridflex.gateway.programs."signed-only".ven-name=ven-d
                        gridflex.gateway.programs."signed-only".signature.key=/etc/gridflex/openadr/3/signature/tls.key
                        gridflex.gateway.programs."signed-only".signature.certificate=/etc/gridflex/openadr/3/signature/tls.crt
                        gridflex.gateway.programs."signed-only".signature.trusted-certificates=/etc/gridflex/openadr/3/signers/vtn.pem
                        """
                        .formatted(FULL, SHORT, FULL_COLONS, SHORT));
    }

    @Test
    void theGatewaysConfigurationReadsTheGroupsBackAsLists() throws IOException {
        Secured read = readBack(VenGatewayProgramsTest.programsProperties(Charts.render(Charts.GRIDFLEX,
                values(FOUR_PROGRAMS))), dir);
        assertThat(read.programs()).containsOnlyKeys("plain", "summer-peak", "coop.capacity", "signed-only");
        assertThat(read.programs().get("plain").tls()).isEmpty();
        assertThat(read.programs().get("plain").signature()).isEmpty();
        Secured.Tls tls = read.programs().get("summer-peak").tls().orElseThrow();
        assertThat(tls.pinnedFingerprints()).contains(List.of(FULL, SHORT));
        assertThat(tls.cipherSuites()).isEmpty();
        assertThat(tls.protocols()).isEmpty();
        Secured.Tls coop = read.programs().get("coop.capacity").tls().orElseThrow();
        assertThat(coop.protocols()).contains(List.of("TLSv1.2", "TLSv1.3"));
        Secured.Signature signature = read.programs().get("coop.capacity").signature().orElseThrow();
        assertThat(signature.trustedCertificates()).contains(List.of("/etc/gridflex/openadr/2/signers/a.pem",
                "/etc/gridflex/openadr/2/signers/b.pem"));
        assertThat(signature.trustedFingerprints()).contains(List.of(SHORT));
        assertThat(read.programs().get("signed-only").tls()).isEmpty();
        assertThat(read.programs().get("signed-only").signature().orElseThrow().replayWindow()).isEmpty();
    }

    @Test
    void everyFileThePropertiesNameIsTheRightKeyOfTheRightSecretMountedReadOnly() throws IOException {
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, values(FOUR_PROGRAMS));
        Map<String, String> files = mountedFiles(objects);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/etc/gridflex/openadr/1/tls/tls.crt", "secret summer-peak-openadr/tls.crt");
        expected.put("/etc/gridflex/openadr/1/tls/tls.key", "secret summer-peak-openadr/tls.key");
        expected.put("/etc/gridflex/openadr/1/tls/ca.crt", "secret summer-peak-openadr/ca.crt");
        expected.put("/etc/gridflex/openadr/2/tls/tls.crt", "secret coop-client/tls.crt");
        expected.put("/etc/gridflex/openadr/2/tls/tls.key", "secret coop-client/tls.key");
        expected.put("/etc/gridflex/openadr/2/tls-trust/roots.pem", "secret openadr-roots/roots.pem");
        expected.put("/etc/gridflex/openadr/2/signature/tls.crt", "secret coop-signing/tls.crt");
        expected.put("/etc/gridflex/openadr/2/signature/tls.key", "secret coop-signing/tls.key");
        expected.put("/etc/gridflex/openadr/2/signers/a.pem", "secret coop-vtn-signers/a.pem");
        expected.put("/etc/gridflex/openadr/2/signers/b.pem", "secret coop-vtn-signers/b.pem");
        expected.put("/etc/gridflex/openadr/3/signature/tls.crt", "secret d-signing/tls.crt");
        expected.put("/etc/gridflex/openadr/3/signature/tls.key", "secret d-signing/tls.key");
        expected.put("/etc/gridflex/openadr/3/signers/vtn.pem", "secret d-vtn-signers/vtn.pem");
        Map<String, String> secretFiles = new LinkedHashMap<>(files);
        secretFiles.keySet().removeIf(file -> !file.startsWith("/etc/gridflex/openadr/"));
        // Exactly these keys: nothing else of the Secrets is projected into the pod.
        assertThat(secretFiles).containsExactlyInAnyOrderEntriesOf(expected);

        // And every file the properties name is one of them.
        String properties = VenGatewayProgramsTest.programsProperties(objects);
        List<String> named = properties.lines().filter(line -> line.matches(".*\\.(tls|signature)\\.(certificate|key"
                + "|trusted-certificates)=.*")).flatMap(line -> List.of(line.split("=", 2)[1].split(",")).stream())
                .toList();
        assertThat(named).hasSize(15).allSatisfy(file -> assertThat(secretFiles).containsKey(file));

        JsonNode pod = VenGatewayProgramsTest.gatewayPod(objects).path("spec");
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().startsWith("openadr-")) {
                assertThat(volume.at("/secret/defaultMode").asInt()).as(volume.toString()).isEqualTo(0440);
            }
        }
    }

    @Test
    void theOverrideIsMountedAndNamedInTheJavaOptionsWhenAProgramMayOfferTheRsaSuite() throws IOException {
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, values(FOUR_PROGRAMS));
        JsonNode configMap = Charts.named(objects, "ConfigMap", "ven-gateway-java-security");
        String options = ChartsTest.env(container(objects), "JDK_JAVA_OPTIONS");
        assertThat(options).startsWith("-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError ")
                .containsOnlyOnce(JAVA_SECURITY_OPTION);
        String file = options.substring(options.indexOf(JAVA_SECURITY_OPTION) + JAVA_SECURITY_OPTION.length())
                .split(" ")[0];
        assertThat(mountedFiles(objects)).containsEntry(file,
                "configMap ven-gateway-java-security/openadr-tls.java.security");
        assertThat(configMap.path("data").properties()).hasSize(1);
        assertThat(configMap.at("/data/openadr-tls.java.security").asText())
                .isEqualTo(Files.readString(source()));
        assertThat(VenGatewayProgramsTest.gatewayPod(objects).at("/metadata/annotations/checksum~1java-security")
                .asText()).matches("[0-9a-f]{64}");
    }

    @Test
    void withoutAProgramThatMayOfferTheRsaSuiteTheJvmKeepsItsPolicy() throws IOException {
        List<List<JsonNode>> renderings = List.of(Charts.render(Charts.GRIDFLEX),
                Charts.render(Charts.GRIDFLEX, oneProgram("""
                        tls:
                          secretName: ecc-client
                          cipherSuites: [TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256]
                        """)),
                Charts.render(Charts.GRIDFLEX, oneProgram("""
                        signature:
                          secretName: signing
                          trustedFingerprints: ["%s"]
                        """.formatted(SHORT))));
        for (List<JsonNode> objects : renderings) {
            assertThat(Charts.ofKind(objects, "ConfigMap")).extracting(o -> o.at("/metadata/name").asText())
                    .doesNotContain("ven-gateway-java-security");
            assertThat(ChartsTest.env(container(objects), "JDK_JAVA_OPTIONS")).doesNotContain("java.security");
            assertThat(VenGatewayProgramsTest.gatewayPod(objects).toString()).doesNotContain("java-security");
        }
        List<JsonNode> listed = Charts.render(Charts.GRIDFLEX, oneProgram("""
                tls:
                  secretName: rsa-client
                  cipherSuites: [TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TLS_RSA_WITH_AES_128_CBC_SHA256]
                """));
        assertThat(ChartsTest.env(container(listed), "JDK_JAVA_OPTIONS")).contains(JAVA_SECURITY_OPTION);
    }

    static Path source() {
        return Charts.HELM.resolve("..").resolve(SOURCE_OVERRIDE).normalize();
    }

    @Test
    void theChartsOverrideIsTheGatewaysFileByteForByte() throws IOException {
        Path source = source();
        assertThat(source).exists();
        assertThat(Files.mismatch(source, CHART_OVERRIDE)).as(CHART_OVERRIDE + " differs from " + source
                + ": copy it again").isEqualTo(-1L);
    }

    @Test
    void certManagerIssuesAPemClientCertificateIntoTheProgramsSecretWhenAsked() throws IOException {
        assertThat(Charts.ofKind(Charts.render(Charts.GRIDFLEX, values(FOUR_PROGRAMS)), "Certificate")).isEmpty();

        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, values("""
                ven-gateway:
                  enabled: true
                  programs:
                    - id: a
                      vtnUrl: https://vtn.a.example.com
                      venName: ven-a
                      tls:
                        secretName: a-openadr
                        certificate:
                          issuerRef: {name: openadr-ca, kind: ClusterIssuer}
                          commonName: gridflex-ven-a
                          duration: 8760h
                          renewBefore: 720h
                    - id: b
                      vtnUrl: https://vtn.b.example.com
                      venName: ven-b
                      tls:
                        secretName: b-openadr
                        certificate:
                          issuerRef: {name: vault, kind: VaultIssuer, group: example.io}
                          commonName: gridflex-ven-b
                          keyAlgorithm: ECDSA
                """));
        assertThat(Charts.ofKind(objects, "Certificate")).hasSize(2);
        JsonNode a = Charts.named(objects, "Certificate", "a-openadr");
        assertThat(a.path("apiVersion").asText()).isEqualTo("cert-manager.io/v1");
        assertThat(a.path("spec")).isEqualTo(Charts.YAML.readTree("""
                secretName: a-openadr
                commonName: gridflex-ven-a
                duration: 8760h
                renewBefore: 720h
                usages: [client auth, digital signature, key encipherment]
                privateKey: {algorithm: RSA, size: 2048, encoding: PKCS8, rotationPolicy: Always}
                issuerRef: {name: openadr-ca, kind: ClusterIssuer, group: cert-manager.io}
                """));
        JsonNode b = Charts.named(objects, "Certificate", "b-openadr").path("spec");
        assertThat(b.path("usages").toString()).isEqualTo("[\"client auth\",\"digital signature\"]");
        assertThat(b.path("privateKey").toString()).contains("\"algorithm\":\"ECDSA\"", "\"size\":256");
        assertThat(b.path("issuerRef").toString()).isEqualTo(
                "{\"name\":\"vault\",\"kind\":\"VaultIssuer\",\"group\":\"example.io\"}");
        assertThat(b.has("duration")).isFalse();
        // What the gateway mounts is what cert-manager writes.
        assertThat(mountedFiles(objects)).containsEntry("/etc/gridflex/openadr/0/tls/tls.key",
                "secret a-openadr/tls.key").containsEntry("/etc/gridflex/openadr/1/tls/tls.crt",
                        "secret b-openadr/tls.crt");
    }

    @Test
    void twoCertificatesForOneSecretFailTheRender() throws IOException {
        String program = """
                  - id: %s
                    vtnUrl: https://vtn.example.com
                    venName: ven
                    tls:
                      secretName: shared-openadr
                      certificate: {issuerRef: {name: ca, kind: Issuer}, commonName: ven}
                """;
        Path twice = values("ven-gateway:\n  enabled: true\n  programs:\n" + program.formatted("a").indent(2)
                + program.formatted("b").indent(2));
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, twice)).hasMessageContaining(
                "ven-gateway: programs[1].tls.certificate writes the Secret \"shared-openadr\", as programs[0]"
                        + ".tls.certificate does");
    }

    @Test
    void aSecretNameThatIsNoKubernetesNameIsRefused() throws IOException {
        for (String name : List.of("Summer_Peak", "summer-peak-", "-summer", "summer peak", "", "a".repeat(254))) {
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram("""
                    tls:
                      secretName: "%s"
                    """.formatted(name))))
                    .as(name)
                    .hasMessageContaining("values don't meet the specifications of the schema")
                    .hasMessageContaining("at '/programs/0/tls/secretName'");
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram("""
                    signature:
                      secretName: "%s"
                      trustedFingerprints: ["%s"]
                    """.formatted(name, SHORT))))
                    .as(name)
                    .hasMessageContaining("at '/programs/0/signature/secretName'");
        }
    }

    @Test
    void pinFilesComeFromAConfigMapOrSecretKeyMountedReadOnlyAndAreNamedInTheProperties() throws IOException {
        List<JsonNode> objects = Charts.render(Charts.GRIDFLEX, oneProgram("""
                tls:
                  secretName: client
                  trustedCertificates: {key: ca.crt}
                  pinnedFingerprintsFrom: {configMapName: vtn-pins, key: pins}
                  certificateCheckInterval: 30s
                signature:
                  trustedFingerprintsFrom: {secretName: vtn-signers, key: fingerprints}
                  certificateCheckInterval: 2m
                """));
        String properties = VenGatewayProgramsTest.programsProperties(objects);
        assertThat(properties).contains("""
                gridflex.gateway.programs."p".tls.pinned-fingerprints-file=/etc/gridflex/openadr/0/tls-pins/pins
                """, """
                gridflex.gateway.programs."p".tls.certificate-check-interval=30s
                """,
                """
                        gridflex.gateway.programs."p".signature.trusted-fingerprints-file=/etc/gridflex/openadr/0/signer-pins/fingerprints
                        """,
                """
                        gridflex.gateway.programs."p".signature.certificate-check-interval=2m
                        """).doesNotContain("pinned-fingerprints=", "trusted-fingerprints=");
        assertThat(mountedFiles(objects)).containsEntry("/etc/gridflex/openadr/0/tls-pins/pins",
                "configMap vtn-pins/pins").containsEntry("/etc/gridflex/openadr/0/signer-pins/fingerprints",
                        "secret vtn-signers/fingerprints");
        JsonNode pod = VenGatewayProgramsTest.gatewayPod(objects).path("spec");
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().startsWith("openadr-")) {
                JsonNode source = volume.has("configMap") ? volume.path("configMap") : volume.path("secret");
                assertThat(source.path("defaultMode").asInt()).as(volume.toString()).isEqualTo(0440);
            }
        }
        Secured.Program read = readBack(properties, dir).programs().get("p");
        assertThat(read.tls().orElseThrow().pinnedFingerprintsFile()).contains(
                "/etc/gridflex/openadr/0/tls-pins/pins");
        assertThat(read.signature().orElseThrow().trustedFingerprintsFile()).contains(
                "/etc/gridflex/openadr/0/signer-pins/fingerprints");
    }

    @Test
    void pinsInlineAndFromAFileTogetherOrAFileFromNowhereAreRefused() throws IOException {
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram("""
                tls:
                  secretName: client
                  pinnedFingerprints: ["%s"]
                  pinnedFingerprintsFrom: {configMapName: vtn-pins, key: pins}
                """.formatted(SHORT)))).hasMessageContaining(
                "programs[0] (\"p\") sets both tls.pinnedFingerprints and tls.pinnedFingerprintsFrom");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram("""
                tls:
                  secretName: client
                signature:
                  trustedFingerprints: ["%s"]
                  trustedFingerprintsFrom: {configMapName: signers, key: fingerprints}
                """.formatted(SHORT)))).hasMessageContaining(
                "sets both signature.trustedFingerprints and signature.trustedFingerprintsFrom");
        for (String from : List.of("{key: pins}", "{configMapName: a, secretName: b, key: pins}",
                "{configMapName: a}", "{configMapName: a, key: ../pins}")) {
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram("""
                    tls:
                      secretName: client
                      pinnedFingerprintsFrom: %s
                    """.formatted(from)))).as(from)
                    .hasMessageContaining("at '/programs/0/tls/pinnedFingerprintsFrom");
        }
    }

    @Test
    void aFingerprintThatIsNot32Or10BytesOfHexIsRefused() throws IOException {
        for (String fingerprint : List.of(SHORT.substring(3), SHORT + ":AB", FULL.substring(2), FULL + "ab",
                "G" + FULL.substring(1), SHORT + ":", ":" + SHORT, SHORT.replace(":", " "),
                "E6::0C:FE:2F:56:53:64:EA:EC:35",
                "")) {
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram("""
                    tls:
                      secretName: client
                      pinnedFingerprints: ["%s"]
                    """.formatted(fingerprint))))
                    .as(fingerprint)
                    .hasMessageContaining("at '/programs/0/tls/pinnedFingerprints/0'")
                    .hasMessageContaining("does not match pattern");
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram("""
                    signature:
                      secretName: signing
                      trustedFingerprints: ["%s"]
                    """.formatted(fingerprint))))
                    .as(fingerprint)
                    .hasMessageContaining("at '/programs/0/signature/trustedFingerprints/0'")
                    .hasMessageContaining("does not match pattern");
        }
        // Either length, either case, with or without colons.
        for (String fingerprint : List.of(FULL, FULL_COLONS, FULL.toUpperCase(), SHORT, SHORT.replace(":", "")
                .toLowerCase())) {
            assertThat(VenGatewayProgramsTest.programsProperties(Charts.render(Charts.GRIDFLEX, oneProgram("""
                    tls:
                      secretName: client
                      pinnedFingerprints: ["%s"]
                    """.formatted(fingerprint))))).contains(".tls.pinned-fingerprints=" + fingerprint + "\n");
        }
    }

    @Test
    void aSignatureWithNothingToTrustOrNothingToSignWithIsRefused() throws IOException {
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram("""
                tls:
                  secretName: client
                signature:
                  replayWindow: 5m
                """)))
                .hasMessageContaining("at '/programs/0/signature'")
                .hasMessageContaining("missing property 'trustedFingerprints'")
                .hasMessageContaining("missing property 'trustedCertificates'");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram("""
                signature:
                  trustedFingerprints: ["%s"]
                """.formatted(SHORT))))
                .hasMessageContaining("at '/programs/0/signature'")
                .hasMessageContaining("missing property 'secretName'");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram("""
                signature:
                  secretName: signing
                  trustedCertificates: {secretName: signers}
                """)))
                .hasMessageContaining("at '/programs/0/signature/trustedCertificates'")
                .hasMessageContaining("missing property 'keys'");
    }

    @Test
    void tlsValuesTheGatewayWouldRefuseAreRefused() throws IOException {
        Map<String, String> refusals = Map.of(
                "tls: {pinnedFingerprints: [\"" + SHORT + "\"]}", "at '/programs/0/tls': missing property 'secretName'",
                "tls: {secretName: c, protocols: [TLSv1.1]}", "at '/programs/0/tls/protocols/0'",
                "tls: {secretName: c, cipherSuites: [ECDHE-ECDSA-AES128-SHA256]}",
                "at '/programs/0/tls/cipherSuites/0'",
                "tls: {secretName: c, keyStore: /etc/ks.p12}", "additional properties 'keyStore' not allowed",
                "tls: {secretName: c, trustedCertificates: {key: ../ca.crt}}",
                "at '/programs/0/tls/trustedCertificates/key'",
                "signature: {secretName: s, trustedCertificates: {secretName: v, keys: [.hidden]}}",
                "at '/programs/0/signature/trustedCertificates/keys/0'",
                "signature: {secretName: s, trustedFingerprints: [\"" + SHORT + "\"], replayWindow: 5 minutes}",
                "at '/programs/0/signature/replayWindow'");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, oneProgram(refusal.getKey() + "\n")))
                    .as(refusal.getKey())
                    .hasMessageContaining("values don't meet the specifications of the schema")
                    .hasMessageContaining(refusal.getValue());
        }
    }

    @Test
    void theOldGlobalClientCertificateIsRefused() throws IOException {
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values("""
                global:
                  openadr:
                    mtls:
                      enabled: true
                """)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("at '/global': additional properties 'openadr' not allowed");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values("""
                certificates:
                  issuerRef: {name: gridflex-openadr-ca, kind: ClusterIssuer}
                  commonName: gridflex-ven
                """)))
                .hasMessageContaining("additional properties 'certificates' not allowed");
    }

    @Test
    void noRenderingCarriesTheJvmWideKeyStoreAnyMore() {
        for (List<JsonNode> objects : ChartsTest.renderings().map(arguments -> {
            @SuppressWarnings("unchecked")
            List<JsonNode> rendered = (List<JsonNode>) arguments.get()[1];
            return rendered;
        }).toList()) {
            assertThat(objects.toString()).doesNotContain("javax.net.ssl", "keystore", "OPENADR_KEYSTORE_PASSWORD",
                    "pkcs12");
        }
    }
}
