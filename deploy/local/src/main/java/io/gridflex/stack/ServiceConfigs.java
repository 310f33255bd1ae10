package io.gridflex.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridflex.infra.KeycloakServer;
import io.gridflex.infra.PostgresServer;
import io.gridflex.messages.access.Passwords;

/** The configuration each service gets in the local stack: real endpoints plus demo-friendly intervals. */
final class ServiceConfigs {

    private final StackOptions options;
    private final String jdbcUrl;
    private final String kafka;
    private final String realmUrl;
    private final KeycloakServer keycloak;

    ServiceConfigs(StackOptions options, String jdbcUrl, String kafka, KeycloakServer keycloak) {
        this.options = options;
        this.jdbcUrl = jdbcUrl;
        this.kafka = kafka;
        this.realmUrl = keycloak.realmUrl();
        this.keycloak = keycloak;
    }

    /** @param firstPorts per site, the port of its first miner (the others follow), or 0 for any free ports */
    Map<String, String> minerSimulator(Map<String, Integer> firstPorts) {
        Map<String, String> config = new LinkedHashMap<>();
        firstPorts.forEach((site, firstPort) -> {
            String fleet = "gridflex.miner-sim.fleets.\"" + site + "\".";
            config.put(fleet + "count", String.valueOf(options.minersPerSite()));
            config.put(fleet + "model", "S19XP");
            config.put(fleet + "first-port", String.valueOf(firstPort));
            config.put(fleet + "warm-up", "5s");
            config.put(fleet + "seed", String.valueOf(Math.abs(site.hashCode())));
        });
        return config;
    }

    Map<String, String> vtnSimulator() {
        return Map.of("gridflex.vtn.poll-interval", options.pollInterval().toString());
    }

    Map<String, String> venGateway(String vtnUrl) {
        Map<String, String> config = withDatabaseAndKafka();
        config.put("gridflex.gateway.vtn.url", vtnUrl);
        config.put("gridflex.gateway.ven-name", "gridflex-local");
        config.put("gridflex.gateway.program", FleetSetup.PROGRAM);
        config.put("quarkus.oidc.auth-server-url", realmUrl);
        return config;
    }

    Map<String, String> dispatch() {
        Map<String, String> config = withDatabaseAndKafka();
        config.put("quarkus.oidc.auth-server-url", realmUrl);
        return config;
    }

    Map<String, String> settlement() {
        Map<String, String> config = withDatabaseAndKafka();
        config.put("quarkus.oidc.auth-server-url", realmUrl);
        config.put("quarkus.oidc.client-id", "settlement");
        config.put("quarkus.oidc.credentials.secret", keycloak.clientSecret("settlement"));
        config.put("gridflex.settlement.baseline.window", options.baselineWindow().toString());
        return config;
    }

    Map<String, String> siteAgent(String site, List<String> minerEndpoints, Path stateDir) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka);
        config.put("gridflex.site.id", site);
        config.put("gridflex.status.password", statusPassword(site));
        config.put("gridflex.site.max-import-kw", String.valueOf(options.maxImportKw()));
        config.put("gridflex.site.miners", String.join(",", minerEndpoints));
        config.put("gridflex.site.telemetry.interval", options.telemetryInterval().toString());
        // Stages of 30 kW every 5 s: a demo restore takes seconds, yet still never jumps to full load at once.
        config.put("gridflex.site.restore.stage-kw", "30");
        config.put("gridflex.site.restore.stage-interval", "5s");
        config.put("gridflex.site.state-file", stateDir.resolve("agent-state.json").toString());
        return config;
    }

    private Map<String, String> withDatabaseAndKafka() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        config.put("kafka.bootstrap.servers", kafka);
        return config;
    }

    /**
     * The site agent's status password, made up for this run and kept for the site's operator in
     * {@code <run dir>/secrets/<site>-status-password}.
     */
    private String statusPassword(String site) {
        String password = Passwords.generate();
        SecretFiles.write(SecretFiles.path(options, site + "-status-password"), password + "\n");
        return password;
    }
}
