package io.gridflex.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;

import io.gridflex.messages.access.Passwords;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one process) in its own JVM, on
 * loopback, secured as production runs it: every listener is TLS with SASL, and the KRaft {@code StandardAuthorizer}
 * refuses whatever no ACL allows.
 * <ul>
 * <li>{@code CLIENTS} (the {@link #bootstrapServers() client port}): SCRAM-SHA-512 over TLS, for services and site
 * agents, each a principal of its own whose credentials and ACLs are created through the Admin API.</li>
 * <li>{@code INTERNAL}: PLAIN over TLS for the broker itself and the {@code admin} super user that provisions
 * principals, topics and ACLs ({@link #adminConfig()}).</li>
 * <li>{@code SITES} (optional, {@link SitesListener}): SCRAM-SHA-512 over TLS like {@code CLIENTS}, where site agents
 * connect from far away, as production exposes an external listener; it advertises an address of the caller's choice,
 * such as a {@link WanLink} in front of it that can be cut.</li>
 * <li>{@code CONTROLLER}: PLAIN over TLS, the broker's own.</li>
 * </ul>
 * The passwords and the TLS keystore are generated on first start and kept, mode 0600, in the work directory, so a
 * restart on the same directory (and data) keeps them. Single node, so every internal topic is set to one replica;
 * otherwise consumer groups never form.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The super user that provisions principals, topics and ACLs. */
    public static final String ADMIN = "admin";

    private static final String BROKER = "broker";

    private final ChildProcess process;
    private final int port;
    private final int internalPort;
    private final Path workDir;
    private final Credentials credentials;
    private final KafkaTls tls;
    private final SitesListener sites;

    private KafkaBroker(ChildProcess process, int port, int internalPort, Path workDir, Credentials credentials,
            KafkaTls tls, SitesListener sites) {
        this.process = process;
        this.port = port;
        this.internalPort = internalPort;
        this.workDir = workDir;
        this.credentials = credentials;
        this.tls = tls;
        this.sites = sites;
    }

    /**
     * The listener sites connect to.
     *
     * @param port where the broker listens
     * @param advertisedPort the loopback port the broker tells site clients to connect to (a relay in front of
     *        {@code port}), or {@code port} itself
     */
    public record SitesListener(int port, int advertisedPort) {
    }

    /**
     * Starts a broker whose log segments live in {@code workDir/logs}: formatted on first use, reused afterwards.
     *
     * @param port the client port, or 0 for any free one
     */
    public static KafkaBroker start(Path workDir, int port) {
        return start(workDir, port, true, null);
    }

    /** The same, with a listener of the sites' own. */
    public static KafkaBroker start(Path workDir, int port, SitesListener sites) {
        return start(workDir, port, true, sites);
    }

    /**
     * A broker with no TLS, no authentication and no authorizer, for benchmarks that measure what security costs.
     * Never for anything a site or a service reaches.
     */
    public static KafkaBroker startUnsecured(Path workDir) {
        return start(workDir, 0, false, null);
    }

    private static KafkaBroker start(Path workDir, int port, boolean secured, SitesListener sites) {
        Path lib = InfraHome.dist().resolve("kafka").resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Kafka libraries missing at " + lib + "; build deploy/infra/dist");
        }
        int clientPort = port == 0 ? FreePort.pick() : port;
        int internalPort = FreePort.pick();
        int controllerPort = FreePort.pick();
        Path logs = workDir.resolve("logs");
        Path config = workDir.resolve("server.properties");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Credentials credentials = Credentials.load(workDir.resolve("credentials.properties"));
        KafkaTls tls = KafkaTls.ensure(workDir.resolve("tls"), credentials.keystore());
        SecretFiles.write(config, secured
                ? serverProperties(clientPort, internalPort, controllerPort, sites, logs, credentials, tls)
                : unsecuredProperties(clientPort, controllerPort, logs));
        String classpath = lib.toAbsolutePath() + "/*";
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(classpath, config, workDir);
        }
        // Kafka's own heap and collector settings (1 GiB, G1 with a 20 ms pause goal), starting smaller. With 1,000
        // sites (over 3,000 partitions) the broker keeps 350-480 MB live: on a 512 MB heap with the serial collector
        // it stopped for full collections of 0.4-1.1 s, which were the benchmarks' worst rounds (docs/benchmarks.md).
        ChildProcess process = ChildProcess.start("kafka",
                List.of(JavaRuntime.java(), "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                        "-Xlog:gc:file=" + workDir.resolve("gc.log").toAbsolutePath()
                                + ":uptime,level:filecount=2,filesize=5m",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath, "kafka.Kafka",
                        config.toString()),
                workDir, Map.of(), workDir.resolve("kafka.log"), "TERM");
        KafkaBroker broker = new KafkaBroker(process, clientPort, secured ? internalPort : clientPort, workDir,
                secured ? credentials : null, tls, sites);
        Await.ready("Kafka on port " + clientPort, process, Duration.ofSeconds(90), broker::answers);
        return broker;
    }

    /**
     * Makes a work directory's passwords and TLS identity without starting a broker, for a client that must be
     * configured (its truststore) before the broker it will talk to exists. {@link #start} on the same directory uses
     * them.
     *
     * @return the certificate clients trust
     */
    public static Path prepare(Path workDir) {
        Credentials credentials = Credentials.load(workDir.resolve("credentials.properties"));
        return KafkaTls.ensure(workDir.resolve("tls"), credentials.keystore()).certificate();
    }

    /** The client listener: SCRAM-SHA-512 over TLS. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Where sites connect: the {@code SITES} listener's advertised address, or the client listener without one. */
    public String sitesBootstrapServers() {
        return sites == null ? bootstrapServers() : "127.0.0.1:" + sites.advertisedPort();
    }

    /** The certificate clients trust (PEM): the broker's own, for {@code 127.0.0.1} and {@code localhost}. */
    public Path truststore() {
        return tls.certificate();
    }

    /**
     * Client settings for {@code user} on the client listener: bootstrap servers, SASL_SSL with SCRAM-SHA-512 and the
     * broker's certificate as the only trusted one. Add serializers, group id and so on.
     */
    public Map<String, Object> clientConfig(String user, String password) {
        if (credentials == null) {
            return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        }
        return clientConfig(bootstrapServers(), truststore(), user, password);
    }

    /** The same settings for any broker that trusts the given certificate. */
    public static Map<String, Object> clientConfig(String bootstrapServers, Path truststore, String user,
            String password) {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas("org.apache.kafka.common.security.scram.ScramLoginModule", user,
                password, Map.of()));
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toAbsolutePath().toString());
        return config;
    }

    /**
     * Settings of the {@code admin} super user on the internal listener: for provisioning principals, topics and ACLs,
     * and for tests that must write what no platform principal may.
     */
    public Map<String, Object> adminConfig() {
        if (credentials == null) {
            return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        }
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + internalPort);
        config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        config.put(SaslConfigs.SASL_JAAS_CONFIG,
                jaas("org.apache.kafka.common.security.plain.PlainLoginModule", ADMIN, credentials.admin(), Map.of()));
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore().toString());
        return config;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path workDir() {
        return workDir;
    }

    /** Creates the topics that do not exist yet, each with the given partition count. */
    public void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = admin()) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + names, e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + names, e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    private boolean answers() {
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * An admin client. Kafka's clients load their plug-ins (metrics reporters, login modules) by name through the
     * thread's context class loader, which in a Quarkus test is the application's, not the one this class and its Kafka
     * client came from (this artifact is loaded once per test JVM, see OncePerJvm): the client is made with its own.
     */
    private Admin admin() {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
        try {
            return Admin.create(adminProperties());
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    private Properties adminProperties() {
        Properties props = new Properties();
        props.putAll(adminConfig());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return props;
    }

    private static String jaas(String module, String user, String password, Map<String, String> users) {
        StringBuilder jaas = new StringBuilder(module).append(" required");
        if (user != null) {
            jaas.append(" username=\"").append(user).append("\" password=\"").append(password).append('"');
        }
        users.forEach((name, secret) -> jaas.append(" user_").append(name).append("=\"").append(secret).append('"'));
        return jaas.append(';').toString();
    }

    private static String unsecuredProperties(int clientPort, int controllerPort, Path logs) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", 1);
        settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.putAll(singleNode(logs));
        return lines(settings);
    }

    /** What a one-node broker needs whatever its security: storage and one replica for every internal topic. */
    private static Map<String, Object> singleNode(Path logs) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("log.dirs", logs.toAbsolutePath());
        settings.put("num.partitions", 3);
        // Topics are created on purpose (the platform's at start, a site's when it is onboarded), never by a typo.
        settings.put("auto.create.topics.enable", false);
        settings.put("offsets.topic.replication.factor", 1);
        settings.put("offsets.topic.num.partitions", 10);
        settings.put("transaction.state.log.replication.factor", 1);
        settings.put("transaction.state.log.min.isr", 1);
        settings.put("share.coordinator.state.topic.replication.factor", 1);
        settings.put("share.coordinator.state.topic.min.isr", 1);
        settings.put("min.insync.replicas", 1);
        // A single-node broker has nobody to wait for: let consumer groups form at once.
        settings.put("group.initial.rebalance.delay.ms", 0);
        return settings;
    }

    private static String lines(Map<String, Object> settings) {
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String serverProperties(int clientPort, int internalPort, int controllerPort, SitesListener sites,
            Path logs, Credentials credentials, KafkaTls tls) {
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule";
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", 1);
        settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        String listeners = "CLIENTS://127.0.0.1:" + clientPort + ",INTERNAL://127.0.0.1:" + internalPort;
        String advertised = listeners;
        String protocols = "CLIENTS:SASL_SSL,INTERNAL:SASL_SSL,CONTROLLER:SASL_SSL";
        if (sites != null) {
            listeners += ",SITES://127.0.0.1:" + sites.port();
            advertised += ",SITES://127.0.0.1:" + sites.advertisedPort();
            protocols += ",SITES:SASL_SSL";
            settings.put("listener.name.sites.sasl.enabled.mechanisms", "SCRAM-SHA-512");
            settings.put("listener.name.sites.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        settings.put("listeners", listeners + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", advertised);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "INTERNAL");
        settings.put("listener.security.protocol.map", protocols);
        settings.put("listener.name.clients.sasl.enabled.mechanisms", "SCRAM-SHA-512");
        settings.put("listener.name.clients.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        settings.put("listener.name.internal.sasl.enabled.mechanisms", "PLAIN");
        settings.put("listener.name.internal.plain.sasl.jaas.config", jaas(plain, BROKER, credentials.broker(),
                Map.of(BROKER, credentials.broker(), ADMIN, credentials.admin())));
        settings.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        settings.put("listener.name.controller.plain.sasl.jaas.config", jaas(plain, BROKER, credentials.broker(),
                Map.of(BROKER, credentials.broker())));
        settings.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        settings.put("sasl.mechanism.controller.protocol", "PLAIN");
        settings.put("ssl.keystore.type", "PKCS12");
        settings.put("ssl.keystore.location", tls.keystore());
        settings.put("ssl.keystore.password", credentials.keystore());
        settings.put("ssl.key.password", credentials.keystore());
        settings.put("ssl.truststore.type", "PEM");
        settings.put("ssl.truststore.location", tls.certificate());
        settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("super.users", "User:" + BROKER + ";User:" + ADMIN);
        settings.put("allow.everyone.if.no.acl.found", false);
        settings.putAll(singleNode(logs));
        return lines(settings);
    }

    private static void format(String classpath, Path config, Path workDir) {
        Path log = workDir.resolve("format.log");
        try {
            Process format = new ProcessBuilder(JavaRuntime.java(), "-cp", classpath, "kafka.tools.StorageTool",
                    "format", "-t", clusterId(), "-c", config.toString())
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The broker's generated passwords, kept next to its data so a restart on the same data keeps them. */
    private record Credentials(String broker, String admin, String keystore) {

        static Credentials load(Path file) {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    stored.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (stored.stringPropertyNames().containsAll(List.of("broker", "admin", "keystore"))) {
                return new Credentials(stored.getProperty("broker"), stored.getProperty("admin"),
                        stored.getProperty("keystore"));
            }
            Credentials fresh = new Credentials(Passwords.generate(), Passwords.generate(), Passwords.generate());
            SecretFiles.write(file, "broker=" + fresh.broker + "\nadmin=" + fresh.admin + "\nkeystore="
                    + fresh.keystore + "\n");
            return fresh;
        }
    }

    /** A cluster id as Kafka writes them: 16 random bytes, URL-safe base64 without padding. */
    static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }
}
