package io.gridflex.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;

/**
 * The ven-gateway's OpenADR programs: the chart writes its {@code programs} list into a properties file (the
 * gateway's map keys have dots and dashes, which environment variables cannot name), mounts it and points Quarkus at
 * it; the file is read back with SmallRye Config, the library the gateway reads it with.
 */
class VenGatewayProgramsTest {

    static final String CONFIG_MAP = "ven-gateway-programs";
    static final String LOCATION = "file:/etc/gridflex/gateway/programs.properties";

    @TempDir
    Path dir;

    /** The gateway's keys under gridflex.gateway, as documented for the many-programs gateway. */
    @ConfigMapping(prefix = "gridflex.gateway")
    interface GatewayPrograms {

        Map<String, Program> programs();

        interface Program {

            Vtn vtn();

            String venName();

            Optional<List<String>> acceptedGroups();

            Optional<String> venId();

            Optional<List<String>> marketContexts();

            Poll poll();

            Optional<VenGatewayOpenAdrSecurityTest.Secured.Tls> tls();

            Optional<VenGatewayOpenAdrSecurityTest.Secured.Signature> signature();

            Map<String, Resource> resources();

            Map<String, VtnReport> vtnReports();
        }

        interface Resource {

            List<String> sites();
        }

        interface VtnReport {

            String report();

            Optional<List<String>> rIds();

            @WithDefault("0s")
            String granularity();

            @WithDefault("0s")
            String reportBack();
        }

        interface Vtn {

            String url();

            Optional<String> expectedId();

            @WithDefault("5s")
            String connectTimeout();

            @WithDefault("10s")
            String requestTimeout();
        }

        interface Poll {

            Optional<String> interval();
        }
    }

    /** One program as read back, durations as written (the gateway's defaults where the chart wrote none). */
    record Read(String url, String venName, Optional<String> expectedId, String connectTimeout, String requestTimeout,
            Optional<List<String>> acceptedGroups, Optional<String> pollInterval) {
    }

    /** The programs as the gateway's configuration reads {@code properties}. */
    static GatewayPrograms mapping(String properties, Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("programs.properties"), properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(file.toUri().toURL(), 250))
                .withMapping(GatewayPrograms.class).build();
        return config.getConfigMapping(GatewayPrograms.class);
    }

    static Map<String, Read> readBack(String properties, Path dir) throws IOException {
        Map<String, Read> programs = new LinkedHashMap<>();
        mapping(properties, dir).programs().forEach((id, p) -> programs.put(id,
                new Read(p.vtn().url(), p.venName(), p.vtn().expectedId(), p.vtn().connectTimeout(),
                        p.vtn().requestTimeout(), p.acceptedGroups(), p.poll().interval())));
        return programs;
    }

    static String programsProperties(List<JsonNode> objects) {
        return Charts.named(objects, "ConfigMap", CONFIG_MAP).at("/data/programs.properties").asText();
    }

    static JsonNode gatewayPod(List<JsonNode> objects) {
        return Charts.named(objects, "Deployment", "ven-gateway").at("/spec/template");
    }

    Path values(Object programs) throws IOException {
        Map<String, Object> gateway = new LinkedHashMap<>();
        gateway.put("enabled", true);
        gateway.put("programs", programs);
        return Files.writeString(dir.resolve("values.yaml"),
                Charts.YAML.writeValueAsString(Map.of("ven-gateway", gateway)));
    }

    Path values(String yaml) throws IOException {
        return Files.writeString(dir.resolve("values.yaml"), yaml);
    }

    static Map<String, Object> program(String id, String vtnUrl, String venName) {
        Map<String, Object> program = new LinkedHashMap<>();
        program.put("id", id);
        program.put("vtnUrl", vtnUrl);
        program.put("venName", venName);
        return program;
    }

    @Test
    void aVenIdAllocatedInAdvanceAndTheMarketContextsAreReadBackAsWritten() throws IOException {
        Map<String, Object> program = program("utility-a", "https://vtn.a.example.com", "ven-a");
        program.put("venId", "VEN-0042");
        program.put("marketContexts", List.of("http://MarketContext1", "urn:ctx:a,b", "back\\slash"));
        String properties = programsProperties(Charts.render(Charts.GRIDFLEX, values(List.of(program))));

        GatewayPrograms.Program read = mapping(properties, dir).programs().get("utility-a");
        assertThat(read.venId()).contains("VEN-0042");
        assertThat(read.marketContexts()).contains(List.of("http://MarketContext1", "urn:ctx:a,b", "back\\slash"));
        assertThat(mapping(programsProperties(Charts.render(Charts.GRIDFLEX)), dir).programs().values())
                .allSatisfy(p -> assertThat(p.marketContexts()).isEmpty());
    }

    @Test
    void theDefaultIsOneExampleProgram() {
        assertThat(programsProperties(Charts.render(Charts.GRIDFLEX))).isEqualTo("""
                # The ven-gateway's OpenADR programs, from the chart's `programs` values.
                gridflex.gateway.programs."default".vtn.url=https://vtn.example.com/OpenADR2/Simple/2.0b
                gridflex.gateway.programs."default".ven-name=gridflex-ven
                """);
    }

    @Test
    void eachProgramIsExactlyItsPropertiesWithTheIdQuoted() throws IOException {
        String properties = programsProperties(
                Charts.render(Charts.GRIDFLEX, Charts.GRIDFLEX.resolve("examples/production.yaml")));
        assertThat(properties).isEqualTo(
                """
                        # The ven-gateway's OpenADR programs, from the chart's `programs` values.
                        gridflex.gateway.programs."summer-peak".vtn.url=https://vtn.utility.example.com/OpenADR2/Simple/2.0b
                        gridflex.gateway.programs."summer-peak".ven-name=gridflex-ven-01
                        gridflex.gateway.programs."summer-peak".vtn.expected-id=UTILITY-VTN-01
                        gridflex.gateway.programs."summer-peak".accepted-groups=feeder-12,feeder-14
                        gridflex.gateway.programs."summer-peak".tls.certificate=/etc/gridflex/openadr/0/tls/tls.crt
                        gridflex.gateway.programs."summer-peak".tls.key=/etc/gridflex/openadr/0/tls/tls.key
                        gridflex.gateway.programs."summer-peak".tls.trusted-certificates=/etc/gridflex/openadr/0/tls/ca.crt
                        gridflex.gateway.programs."summer-peak".tls.pinned-fingerprints=E6:0C:FE:2F:56:53:64:EA:EC:35
                        gridflex.gateway.programs."summer-peak".signature.key=/etc/gridflex/openadr/0/tls/tls.key
                        gridflex.gateway.programs."summer-peak".signature.certificate=/etc/gridflex/openadr/0/tls/tls.crt
                        gridflex.gateway.programs."summer-peak".signature.trusted-certificates=/etc/gridflex/openadr/0/signers/vtn-signing.pem
                        gridflex.gateway.programs."coop.capacity-2026".vtn.url=https://openadr.coop.example.org
                        gridflex.gateway.programs."coop.capacity-2026".ven-name=gridflex
                        gridflex.gateway.programs."coop.capacity-2026".vtn.request-timeout=20s
                        gridflex.gateway.programs."coop.capacity-2026".poll.interval=30s
                        """);
        // The id with a dot is one map key, not a path.
        assertThat(readBack(properties, dir)).containsOnlyKeys("summer-peak", "coop.capacity-2026")
                .containsEntry("summer-peak", new Read("https://vtn.utility.example.com/OpenADR2/Simple/2.0b",
                        "gridflex-ven-01", Optional.of("UTILITY-VTN-01"), "5s", "10s",
                        Optional.of(List.of("feeder-12", "feeder-14")), Optional.empty()))
                .containsEntry("coop.capacity-2026", new Read("https://openadr.coop.example.org", "gridflex",
                        Optional.empty(), "5s", "20s", Optional.empty(), Optional.of("30s")));
    }

    @Test
    void everyIdTheChartAcceptsAndEveryValueReadsBackAsWritten() throws IOException {
        List<Map<String, Object>> programs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (char c = 0x21; c <= 0x7e; c++) {
            if (c == '"') {
                continue;
            }
            ids.add("mid" + c + "x");
            ids.add(c + "-start");
            if (c != '\\') {
                ids.add("end-" + c);
                ids.add(String.valueOf(c));
            }
        }
        ids.addAll(List.of("a.b.c", "..", "x[0].y", "x[a]", "x[]", "%dev.x", "${HOME}", "a=b:c", "#!",
                "p".repeat(128)));
        for (String id : ids) {
            programs.add(program(id, "https://vtn.example.com/" + ids.indexOf(id), "ven-" + ids.indexOf(id)));
        }
        Map<String, Object> odd = program("odd", "https://vtn.example.com/a$b\\c${HOME}/$$", " lead $ ${HOME} \\ é ");
        odd.put("expectedVtnId", "VTN ${x} \\$");
        odd.put("acceptedGroups", List.of("g$1", "${g}", "é"));
        odd.put("connectTimeout", "500ms");
        odd.put("requestTimeout", "PT1M30S");
        odd.put("pollInterval", "2m");
        programs.add(odd);

        Map<String, Read> read = readBack(programsProperties(Charts.render(Charts.GRIDFLEX, values(programs))), dir);

        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(
                programs.stream().map(p -> (String) p.get("id")).toList());
        for (String id : ids) {
            assertThat(read.get(id)).as(id).isEqualTo(new Read("https://vtn.example.com/" + ids.indexOf(id),
                    "ven-" + ids.indexOf(id), Optional.empty(), "5s", "10s", Optional.empty(), Optional.empty()));
        }
        assertThat(read.get("odd")).isEqualTo(new Read("https://vtn.example.com/a$b\\c${HOME}/$$",
                " lead $ ${HOME} \\ é ", Optional.of("VTN ${x} \\$"), "500ms", "PT1M30S",
                Optional.of(List.of("g$1", "${g}", "é")), Optional.of("2m")));
    }

    static Stream<Arguments> renderings() {
        List<Arguments> renderings = new ArrayList<>();
        renderings.add(Arguments.of("gridflex defaults", Charts.render(Charts.GRIDFLEX)));
        for (Path example : Charts.examples(Charts.GRIDFLEX)) {
            renderings.add(Arguments.of("gridflex " + example.getFileName(), Charts.render(Charts.GRIDFLEX, example)));
        }
        return renderings.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void theGatewayReadsItsProgramsFromTheMountedConfigMapAndNoLongerFromVtnVariables(String rendering,
            List<JsonNode> objects) {
        JsonNode pod = gatewayPod(objects);
        JsonNode container = pod.at("/spec/containers/0");
        assertThat(ChartsTest.env(container, "QUARKUS_CONFIG_LOCATIONS")).isEqualTo(LOCATION);
        JsonNode volume = null;
        for (JsonNode candidate : pod.at("/spec/volumes")) {
            if (CONFIG_MAP.equals(candidate.at("/configMap/name").asText())) {
                volume = candidate;
            }
        }
        assertThat(volume).as("a volume of the ConfigMap " + CONFIG_MAP).isNotNull();
        String volumeName = volume.path("name").asText();
        JsonNode mount = null;
        for (JsonNode candidate : container.path("volumeMounts")) {
            if (volumeName.equals(candidate.path("name").asText())) {
                mount = candidate;
            }
        }
        assertThat(mount).as("the container mounts " + volumeName).isNotNull();
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        assertThat("file:" + mount.path("mountPath").asText() + "/programs.properties").isEqualTo(LOCATION);
        assertThat(Charts.named(objects, "ConfigMap", CONFIG_MAP).at("/data").fieldNames())
                .toIterable().containsExactly("programs.properties");

        List<String> names = container.path("env").findValuesAsText("name");
        assertThat(names).doesNotContain("GRIDFLEX_GATEWAY_VTN_URL", "GRIDFLEX_GATEWAY_VEN_NAME",
                "GRIDFLEX_GATEWAY_PROGRAM");
    }

    @Test
    void aChangedProgramRollsThePodsAndNothingElseDoes() throws IOException {
        String checksum = gatewayPod(Charts.render(Charts.GRIDFLEX)).at("/metadata/annotations/checksum~1programs")
                .asText();
        assertThat(checksum).matches("[0-9a-f]{64}");

        Path renamed = values(List.of(program("default", "https://vtn.example.com/OpenADR2/Simple/2.0b", "other")));
        assertThat(gatewayPod(Charts.render(Charts.GRIDFLEX, renamed))
                .at("/metadata/annotations/checksum~1programs").asText()).matches("[0-9a-f]{64}")
                .isNotEqualTo(checksum);

        Path unrelated = values("""
                ven-gateway:
                  enabled: true
                  replicas: 0
                  podAnnotations:
                    team: grid
                """);
        JsonNode pod = gatewayPod(Charts.render(Charts.GRIDFLEX, unrelated));
        assertThat(pod.at("/metadata/annotations/checksum~1programs").asText()).isEqualTo(checksum);
        assertThat(pod.at("/metadata/annotations/team").asText()).isEqualTo("grid");
    }

    @Test
    void noProgramsAreRefused() throws IOException {
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values("""
                ven-gateway:
                  enabled: true
                  programs: []
                """)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("at '/programs': minItems: got 0, want 1");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values("""
                ven-gateway:
                  enabled: true
                  programs: null
                """)))
                .hasMessageContaining("ven-gateway")
                .hasMessageContaining("missing property 'programs'");
    }

    @Test
    void theOldSingleVtnBlockIsRefused() throws IOException {
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values("""
                ven-gateway:
                  enabled: true
                  vtn:
                    url: https://vtn.example.com
                    venName: gridflex-ven
                    program: default
                """)))
                .hasMessageContaining("ven-gateway")
                .hasMessageContaining("additional properties 'vtn' not allowed");
    }

    @Test
    void anIdTheGatewayRefusesIsRefused() throws IOException {
        for (String id : List.of("summer peak", "", "p".repeat(129), "pé")) {
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX,
                    values(List.of(program(id, "https://vtn.example.com", "gridflex-ven")))))
                    .as(id)
                    .hasMessageContaining("values don't meet the specifications of the schema")
                    .hasMessageContaining("at '/programs/0/id'")
                    .hasMessageContaining("does not match pattern");
        }
    }

    @Test
    void anIdThePropertiesFileCannotCarryIsRefusedByName() throws IOException {
        Map<String, String> refusals = Map.of(
                "summer\"peak", "programs[0].id \"summer\\\"peak\" has a \"",
                "summer\\", "programs[0].id \"summer\\\\\" ends in \\",
                "summer[2]", "programs[0].id \"summer[2]\" ends in [<digits>]");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX,
                    values(List.of(program(refusal.getKey(), "https://vtn.example.com", "gridflex-ven")))))
                    .as(refusal.getKey())
                    .hasMessageContaining("ven-gateway: " + refusal.getValue());
        }
    }

    @Test
    void aVtnUrlThatIsNotHttpIsRefused() throws IOException {
        for (String url : List.of("ftp://vtn.example.com", "vtn.example.com", "https://vtn example.com", "")) {
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX,
                    values(List.of(program("summer-peak", url, "gridflex-ven")))))
                    .as(url)
                    .hasMessageContaining("at '/programs/0/vtnUrl'")
                    .hasMessageContaining("does not match pattern");
        }
    }

    @Test
    void aProgramWithoutVenNameOrWithAnUnknownKeyOrABadDurationIsRefused() throws IOException {
        Map<String, Object> noName = program("summer-peak", "https://vtn.example.com", "x");
        noName.remove("venName");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values(List.of(noName))))
                .hasMessageContaining("at '/programs/0': missing property 'venName'");

        Map<String, Object> misspelt = program("summer-peak", "https://vtn.example.com", "gridflex-ven");
        misspelt.put("pollIntervall", "10s");
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values(List.of(misspelt))))
                .hasMessageContaining("at '/programs/0': additional properties 'pollIntervall' not allowed");

        for (String duration : List.of("10", "10 s", "0s", "1d", "PT", "P1D", "ten seconds")) {
            Map<String, Object> slow = program("summer-peak", "https://vtn.example.com", "gridflex-ven");
            slow.put("requestTimeout", duration);
            assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values(List.of(slow))))
                    .as(duration)
                    .hasMessageContaining("at '/programs/0/requestTimeout'")
                    .hasMessageContaining("does not match pattern");
        }
        Map<String, Object> fine = program("summer-peak", "https://vtn.example.com", "gridflex-ven");
        fine.put("connectTimeout", "500ms");
        fine.put("requestTimeout", "PT1M30.5S");
        fine.put("pollInterval", "1h");
        assertThat(programsProperties(Charts.render(Charts.GRIDFLEX, values(List.of(fine)))))
                .contains(".vtn.connect-timeout=500ms\n", ".vtn.request-timeout=PT1M30.5S\n", ".poll.interval=1h\n");
    }

    @Test
    void aRepeatedIdFailsTheRender() throws IOException {
        Path twice = values(List.of(program("summer-peak", "https://vtn.a.example.com", "gridflex-ven"),
                program("winter-peak", "https://vtn.b.example.com", "gridflex-ven"),
                program("summer-peak", "https://vtn.c.example.com", "gridflex-ven")));
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, twice)).hasMessageContaining(
                "ven-gateway: programs[2] has the id \"summer-peak\" of programs[0]; each program needs an id of its own");
    }

    @Test
    void theReportedResourcesAndTheVtnsReportsAreReadBackAsWritten() throws IOException {
        Map<String, Object> program = program("utility-a", "https://vtn.a.example.com", "ven-a");
        program.put("resources", Map.of("texas-north", List.of("tx-amarillo-1", "tx-amarillo-2"), "texas_south",
                List.of("tx-laredo")));
        program.put("vtnReports", List.of(
                Map.of("name", "poi", "report", "TELEMETRY_USAGE", "granularity", "1m", "reportBack", "PT15M"),
                Map.of("name", "feeder", "report", "feeder history $x", "rIds", List.of("f-1", "f.2"))));
        GatewayPrograms.Program read = mapping(programsProperties(Charts.render(Charts.GRIDFLEX,
                values(List.of(program)))), dir).programs().get("utility-a");

        assertThat(read.resources()).hasSize(2);
        assertThat(read.resources().get("texas-north").sites()).containsExactly("tx-amarillo-1", "tx-amarillo-2");
        assertThat(read.resources().get("texas_south").sites()).containsExactly("tx-laredo");
        GatewayPrograms.VtnReport poi = read.vtnReports().get("poi");
        assertThat(poi.report()).isEqualTo("TELEMETRY_USAGE");
        assertThat(poi.rIds()).isEmpty();
        assertThat(poi.granularity()).isEqualTo("1m");
        assertThat(poi.reportBack()).isEqualTo("PT15M");
        GatewayPrograms.VtnReport feeder = read.vtnReports().get("feeder");
        assertThat(feeder.report()).isEqualTo("feeder history $x");
        assertThat(feeder.rIds()).contains(List.of("f-1", "f.2"));
        assertThat(feeder.granularity()).isEqualTo("0s");
        assertThat(feeder.reportBack()).isEqualTo("0s");
    }

    @Test
    void aVtnReportWithARepeatedOrBadNameOrAResourceWithoutSitesIsRefused() throws IOException {
        Map<String, Object> twice = program("utility-a", "https://vtn.a.example.com", "ven-a");
        twice.put("vtnReports", List.of(Map.of("name", "poi", "report", "A"), Map.of("name", "poi", "report", "B")));
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values(List.of(twice)))).hasMessageContaining(
                "ven-gateway: programs[0].vtnReports[1] has the name \"poi\" of vtnReports[0]");

        Map<String, Object> dotted = program("utility-a", "https://vtn.a.example.com", "ven-a");
        dotted.put("vtnReports", List.of(Map.of("name", "p.o.i", "report", "A")));
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values(List.of(dotted))))
                .hasMessageContaining("at '/programs/0/vtnReports/0/name'");

        Map<String, Object> once = program("utility-a", "https://vtn.a.example.com", "ven-a");
        once.put("vtnReports", List.of(Map.of("name", "poi", "report", "A", "reportBack", "0s")));
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values(List.of(once))))
                .hasMessageContaining("at '/programs/0/vtnReports/0/reportBack'");

        Map<String, Object> empty = program("utility-a", "https://vtn.a.example.com", "ven-a");
        empty.put("resources", Map.of("texas-north", List.of()));
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values(List.of(empty))))
                .hasMessageContaining("at '/programs/0/resources/texas-north'");

        Map<String, Object> badSite = program("utility-a", "https://vtn.a.example.com", "ven-a");
        badSite.put("resources", Map.of("texas-north", List.of("-not-a-site-id")));
        assertThatThrownBy(() -> Charts.render(Charts.GRIDFLEX, values(List.of(badSite))))
                .hasMessageContaining("at '/programs/0/resources/texas-north/0'");
    }
}
