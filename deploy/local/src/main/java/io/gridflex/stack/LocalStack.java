package io.gridflex.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.gridflex.infra.FreePort;
import io.gridflex.infra.InfraHome;
import io.gridflex.infra.KafkaBroker;
import io.gridflex.infra.KeycloakServer;
import io.gridflex.infra.PostgresServer;
import io.gridflex.infra.WanLink;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.TestPki;

/**
 * The whole platform on one machine: real PostgreSQL, Kafka and Keycloak, then every packaged service, the VTN
 * simulator and two simulated mining sites. Closing it stops everything it started, services first.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> SITES = List.of("site-a", "site-b");
    public static final String DATABASE = "gridflex";

    /**
     * Starts, readiness waits and stops run side by side on virtual threads: they block on processes and sockets, and
     * the common pool has one thread on a two-core machine, which would run them one after another.
     */
    private static final Executor SIDE_BY_SIDE = Executors.newVirtualThreadPerTaskExecutor();

    private final StackOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Launch> launches = new LinkedHashMap<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private WanLink sitesLink;
    private KeycloakServer keycloak;
    private Instant sitesReadyAt;
    private volatile boolean closing;

    private LocalStack(StackOptions options) {
        this.options = options;
    }

    public static LocalStack start(StackOptions options, Narrator narrator) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll(narrator);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String url(String service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return process.url();
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /**
     * The sites' path to Kafka: their agents reach the broker only through it (a listener of their own, as production
     * exposes an external one), so cutting it takes every site offline while the platform runs on.
     */
    public WanLink sitesLink() {
        return sitesLink;
    }

    public StackOptions options() {
        return options;
    }

    /** When both site agents were ready, i.e. from when metered telemetry exists. */
    public Instant sitesReadyAt() {
        return sitesReadyAt;
    }

    private void startAll(Narrator narrator) {
        Path data = options.runDir().resolve("data");
        deleteRecursively(data);
        mkdirs(options.logs());
        narrator.info("Starting PostgreSQL, Kafka and Keycloak (logs in %s)", options.logs());

        var pg = timed(() -> PostgresServer.start(data.resolve("postgres"), port(15432)));
        int sitesListener = port(19093);
        sitesLink = WanLink.open(port(19094), sitesListener);
        started.add(sitesLink);
        var broker = timed(() -> KafkaBroker.start(data.resolve("kafka"), port(19092),
                new KafkaBroker.SitesListener(sitesListener, sitesLink.port())));
        var kc = timed(() -> KeycloakServer.start(data.resolve("keycloak"), port(18180)));
        postgres = track(join(pg, "PostgreSQL", narrator)).value();
        kafka = track(join(broker, "Kafka", narrator)).value();
        keycloak = track(join(kc, "Keycloak", narrator)).value();
        postgres.createDatabase(DATABASE);
        kafka.createTopics(Topics.platform(), 3);
        narrator.step("PostgreSQL on :%d, Kafka on :%d (sites through their link on :%d), Keycloak on :%d; topics "
                + "created", postgres.port(), kafka.port(), sitesLink.port(), keycloak.port());

        ServiceConfigs configs = new ServiceConfigs(options, postgres.jdbcUrl(DATABASE), kafka,
                keycloak);
        SecretFiles.write(SecretFiles.path(options, "demo-password"), keycloak.demoPassword() + "\n");
        Map<String, Integer> firstMinerPorts = new LinkedHashMap<>();
        for (int s = 0; s < SITES.size(); s++) {
            firstMinerPorts.put(SITES.get(s), options.randomPorts() ? 0 : 14100 + 200 * s);
        }

        Instant servicesStart = Instant.now();
        launch("miner-simulator", "services/miner-simulator", port(18085), configs.minerSimulator(firstMinerPorts));
        // With random ports the simulated miners take whatever ports the system gives them: every other port is
        // picked only once they are bound, so no service is handed a port a miner is about to take.
        awaitReady(narrator, List.of("miner-simulator"));
        launch("vtn-simulator", "services/vtn-simulator", port(18081), configs.vtnSimulator());
        TestPki authority = SecureVtn.authority(data.resolve("openadr-pki"));
        SecureVtn secure = SecureVtn.pull(authority, port(18092));
        SecureVtn pushing = SecureVtn.push(authority, port(18094), port(18095));
        launch("vtn-simulator-secure", "services/vtn-simulator", port(18091), secure.simulatorConfig(configs),
                SecureVtn.SIMULATOR_ENVIRONMENT);
        launch("vtn-simulator-push", "services/vtn-simulator", port(18093), pushing.simulatorConfig(configs),
                SecureVtn.SIMULATOR_ENVIRONMENT);
        awaitReady(narrator, List.of("vtn-simulator", "vtn-simulator-secure", "vtn-simulator-push"));
        narrator.step("VTN simulators: %s over HTTP for program %s; over mutual TLS %s with XML signatures for program"
                + " %s, and %s pushing to the gateway for program %s", url("vtn-simulator"), FleetSetup.PROGRAM,
                secure.openAdrUrl(), secure.program(), pushing.openAdrUrl(), pushing.program());
        Map<String, String> programs = new LinkedHashMap<>(secure.gatewayProgram());
        programs.putAll(pushing.gatewayProgram());
        launch("ven-gateway", "services/ven-gateway", port(18082), configs.venGateway(url("vtn-simulator"), programs));
        launch("dispatch", "services/dispatch", port(18083), configs.dispatch());
        launch("settlement", "services/settlement", port(18084), configs.settlement());
        awaitReady(narrator, List.of("dispatch"));
        // Sites are registered by an operator, never discovered: before their agents report, dispatch must know them.
        Map<String, String> kafkaPasswords = FleetSetup.register(new JsonHttp(), url("dispatch"),
                keycloak.userToken("olivia", keycloak.demoPassword()), SITES, options.maxImportKw());
        narrator.step("Operator olivia registered program %s and sites %s in dispatch's fleet registry",
                FleetSetup.PROGRAM, SITES);
        Map<String, List<String>> minerEndpoints = minerEndpoints();
        for (int s = 0; s < SITES.size(); s++) {
            String site = SITES.get(s);
            launch("site-agent-" + site, "services/site-agent", port(18086 + s),
                    configs.siteAgent(site, kafkaPasswords.get(site), minerEndpoints.get(site),
                            data.resolve("site-agent-" + site)));
        }
        awaitReady(narrator, services.keySet().stream()
                .filter(n -> !List.of("miner-simulator", "vtn-simulator", "vtn-simulator-secure", "vtn-simulator-push",
                        "dispatch")
                        .contains(n))
                .toList());
        sitesReadyAt = Instant.now();
        narrator.step("All %d services ready in %s", services.size(),
                Narrator.seconds(Duration.between(servicesStart, sitesReadyAt)));
        writeEndpoints();
        watch(narrator);
    }

    /**
     * Says so at once when a service's JVM ends while the stack runs (a crash, an OOM kill, someone's kill), with
     * the tail of its log: otherwise the only sign would be a later step timing out. It is not restarted, so the
     * failure stays visible; {@code status.sh} shows it as DOWN.
     */
    private void watch(Narrator narrator) {
        services.values().forEach(service -> service.exited().thenAccept(code -> {
            if (!closing && !service.killed()) {
                narrator.fail("%s stopped unexpectedly (exit code %d); log %s ends with:%n%s", service.name(), code,
                        service.log(), service.tail(10));
            }
        }));
    }

    /** The simulated miners' API endpoints per site, as the simulator reports them. */
    private Map<String, List<String>> minerEndpoints() {
        JsonNode fleets = new JsonHttp().get(url("miner-simulator") + "/api/fleets", null)
                .orElseThrow(() -> new IllegalStateException("miner-simulator does not list its fleets"));
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        for (JsonNode fleet : fleets) {
            List<String> miners = new ArrayList<>();
            fleet.path("miners").forEach(miner -> miners.add(miner.path("endpoint").asText()));
            endpoints.put(fleet.path("siteId").asText(), miners);
        }
        if (!endpoints.keySet().containsAll(SITES)) {
            throw new IllegalStateException("miner-simulator lists fleets " + endpoints.keySet() + ", not " + SITES);
        }
        return endpoints;
    }

    private void launch(String name, String module, int port, Map<String, String> config) {
        launch(name, module, port, config, Map.of());
    }

    private void launch(String name, String module, int port, Map<String, String> config,
            Map<String, String> environment) {
        Path root = InfraHome.repositoryRoot();
        ServiceProcess process = ServiceProcess.start(name, root.resolve(module), port, config, environment,
                options.logs(), options.runDir());
        services.put(name, process);
        launches.put(name, new Launch(module, port, config));
        started.add(process);
    }

    /**
     * Kills a service's JVM outright, as a crash would, and starts it again on the same port with the same settings
     * plus {@code changes}. For benchmarks of recovery; the stack goes on as before.
     *
     * @return when the new JVM was started
     */
    public Instant crashAndRestart(String name, Map<String, String> changes) {
        ServiceProcess old = services.get(name);
        old.kill();
        started.remove(old);
        Launch launch = launches.get(name);
        Map<String, String> config = new LinkedHashMap<>(launch.config());
        config.putAll(changes);
        Instant restarted = Instant.now();
        launch(name, launch.module(), launch.port(), config);
        return restarted;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    private record Launch(String module, int port, Map<String, String> config) {
    }

    private void awaitReady(Narrator narrator, List<String> names) {
        List<CompletableFuture<Void>> waits = names.stream().map(name -> CompletableFuture.runAsync(() -> {
            Duration took = services.get(name).awaitReady(Duration.ofMinutes(3));
            narrator.step("%s ready at %s (%s)", name, services.get(name).url(), Narrator.seconds(took));
        }, SIDE_BY_SIDE)).toList();
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void writeEndpoints() {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("postgres", postgres.jdbcUrl(DATABASE));
        endpoints.put("kafka", kafka.bootstrapServers());
        endpoints.put("kafka-sites", kafka.sitesBootstrapServers());
        endpoints.put("keycloak", keycloak.realmUrl());
        services.forEach((name, process) -> endpoints.put(name, process.url()));
        endpoints.put("pid", ProcessHandle.current().pid());
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(options.runDir().resolve("stack.json").toFile(), endpoints);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int port(int fixed) {
        return options.randomPorts() ? FreePort.pickForRestart() : fixed; // any service may be restarted
    }

    private <T extends AutoCloseable> Timed<T> track(Timed<T> timed) {
        started.add(timed.value());
        return timed;
    }

    private static <T> Timed<T> join(CompletableFuture<Timed<T>> future, String what, Narrator narrator) {
        try {
            Timed<T> timed = future.join();
            narrator.step("%s started in %s", what, Narrator.seconds(timed.took()));
            return timed;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static <T> CompletableFuture<Timed<T>> timed(java.util.function.Supplier<T> start) {
        return CompletableFuture.supplyAsync(() -> {
            Instant begin = Instant.now();
            T value = start.get();
            return new Timed<>(value, Duration.between(begin, Instant.now()));
        }, SIDE_BY_SIDE);
    }

    private record Timed<T>(T value, Duration took) {
    }

    @Override
    public void close() {
        closing = true;
        List<AutoCloseable> reversed = new ArrayList<>(started);
        java.util.Collections.reverse(reversed);
        // Services first (in parallel: each takes a moment to drain), then the infrastructure they depend on.
        List<CompletableFuture<Void>> stops = reversed.stream().filter(ServiceProcess.class::isInstance)
                .map(c -> CompletableFuture.runAsync(() -> closeQuietly(c), SIDE_BY_SIDE)).toList();
        stops.forEach(CompletableFuture::join);
        reversed.stream().filter(c -> !(c instanceof ServiceProcess)).forEach(LocalStack::closeQuietly);
        started.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("could not stop " + closeable + ": " + e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
