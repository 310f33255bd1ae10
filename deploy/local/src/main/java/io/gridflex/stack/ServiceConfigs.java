package io.gridflex.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

import io.gridflex.infra.KafkaBroker;
import io.gridflex.infra.KeycloakServer;
import io.gridflex.infra.PostgresServer;
import io.gridflex.messages.access.KafkaPolicy;
import io.gridflex.messages.access.KafkaPolicy.Service;
import io.gridflex.messages.access.KafkaProvisioning;
import io.gridflex.messages.access.Passwords;

/** The configuration each service gets in the local stack: real endpoints plus demo-friendly intervals. */
final class ServiceConfigs {

    private final StackOptions options;
    private final String jdbcUrl;
    private final KafkaBroker kafka;
    private final String realmUrl;
    private final KeycloakServer keycloak;

    ServiceConfigs(StackOptions options, String jdbcUrl, KafkaBroker kafka, KeycloakServer keycloak) {
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

    /**
     * The gateway serves {@link FleetSetup#PROGRAM} on the stack's own VTN simulator (the demo's events come from it),
     * the programs of {@link SecureVtn} over mutual TLS (one polled with XML signatures, one pushing), and beside them the
     * programs of {@link StackOptions#gatewayPrograms()} when that file is given.
     */
    Map<String, String> venGateway(String simulatorUrl, Map<String, String> securePrograms) {
        Map<String, String> config = withDatabaseAndKafka(Service.VEN_GATEWAY);
        String program = "gridflex.gateway.programs.\"" + FleetSetup.PROGRAM + "\".";
        config.put(program + "vtn.url", simulatorUrl);
        config.put(program + "ven-name", "gridflex-local");
        // The VTN's point-of-interconnection meter, when it offers it (VtnReportsStep).
        config.put(program + "vtn-reports.poi.report", VtnReportsStep.SPECIFIER);
        config.put(program + "vtn-reports.poi.granularity", VtnReportsStep.GRANULARITY.toString());
        config.put(program + "vtn-reports.poi.report-back", VtnReportsStep.REPORT_BACK.toString());
        config.putAll(securePrograms);
        options.gatewayPrograms()
                .ifPresent(file -> config.put("quarkus.config.locations", file.toUri().toString()));
        config.put("quarkus.oidc.auth-server-url", realmUrl);
        return config;
    }

    Map<String, String> dispatch() {
        Map<String, String> config = withDatabaseAndKafka(Service.DISPATCH);
        // Dispatch onboards the sites registered with it (topics, ACLs, credentials) as the provisioner.
        config.put("gridflex.site-link.provisioner.password", provision(Service.PROVISIONER.principal()));
        config.put("quarkus.oidc.auth-server-url", realmUrl);
        return config;
    }

    Map<String, String> settlement() {
        Map<String, String> config = withDatabaseAndKafka(Service.SETTLEMENT);
        config.put("quarkus.oidc.auth-server-url", realmUrl);
        config.put("quarkus.oidc.client-id", "settlement");
        config.put("quarkus.oidc.credentials.secret", keycloak.clientSecret("settlement"));
        config.put("gridflex.settlement.baseline.window", options.baselineWindow().toString());
        return config;
    }

    /** @param kafkaPassword the credential dispatch issued when the site was onboarded */
    Map<String, String> siteAgent(String site, String kafkaPassword, List<String> minerEndpoints, Path stateDir) {
        Map<String, String> config = new LinkedHashMap<>();
        // A site reaches Kafka from far away, on the sites' listener, through the link the stack can cut.
        config.putAll(kafkaSettings(kafka.sitesBootstrapServers(), KafkaPolicy.sitePrincipal(site), kafkaPassword));
        config.put("gridflex.site.id", site);
        config.put("gridflex.status.password", statusPassword(site));
        config.put("gridflex.site.max-import-kw", String.valueOf(options.maxImportKw()));
        config.put("gridflex.site.miners", String.join(",", minerEndpoints));
        config.put("gridflex.site.telemetry.interval", options.telemetryInterval().toString());
        // Stages of 30 kW every 5 s: a demo restore takes seconds, yet still never jumps to full load at once.
        config.put("gridflex.site.restore.stage-kw", "30");
        config.put("gridflex.site.restore.stage-interval", "5s");
        // The demo's two sites come back at once: its events are seconds long, and it checks the restore.
        config.put("gridflex.site.restore.start-jitter", "0s");
        config.put("gridflex.site.state-file", stateDir.resolve("agent-state.json").toString());
        return config;
    }

    private Map<String, String> withDatabaseAndKafka(Service service) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        config.putAll(kafkaSettings(kafka.bootstrapServers(), service.principal(), provision(service.principal())));
        return config;
    }

    /**
     * A Kafka login made up for this run: the platform principal gets a fresh password and exactly its production
     * ACLs on the stack's broker.
     */
    private String provision(String principal) {
        String password = Passwords.generate();
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            new KafkaProvisioning(admin, Duration.ofSeconds(30)).principal(principal, password);
        }
        return password;
    }

    /** How a service connects as {@code principal}: over TLS, the broker's certificate as its truststore. */
    private Map<String, String> kafkaSettings(String bootstrapServers, String principal, String password) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("gridflex.kafka.username", principal);
        config.put("gridflex.kafka.password", password);
        config.put("gridflex.kafka.truststore", kafka.truststore().toString());
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
