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
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one process) in its own JVM, on
 * loopback. Single node, so every internal topic is set to one replica; otherwise consumer groups never form.
 */
public final class KafkaBroker implements AutoCloseable {

    private final ChildProcess process;
    private final int port;
    private final Path workDir;

    private KafkaBroker(ChildProcess process, int port, Path workDir) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
    }

    /**
     * Starts a broker whose log segments live in {@code workDir/logs}: formatted on first use, reused afterwards.
     *
     * @param port the client port, or 0 for any free one
     */
    public static KafkaBroker start(Path workDir, int port) {
        Path lib = InfraHome.dist().resolve("kafka").resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Kafka libraries missing at " + lib + "; build deploy/infra/dist");
        }
        int clientPort = port == 0 ? FreePort.pick() : port;
        int controllerPort = FreePort.pick();
        Path logs = workDir.resolve("logs");
        Path config = workDir.resolve("server.properties");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, serverProperties(clientPort, controllerPort, logs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classpath = lib.toAbsolutePath() + "/*";
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(classpath, config, workDir);
        }
        ChildProcess process = ChildProcess.start("kafka",
                List.of(JavaRuntime.java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath, "kafka.Kafka",
                        config.toString()),
                workDir, Map.of(), workDir.resolve("kafka.log"), "TERM");
        KafkaBroker broker = new KafkaBroker(process, clientPort, workDir);
        Await.ready("Kafka on port " + clientPort, process, Duration.ofSeconds(90), broker::answers);
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
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
        try (Admin admin = Admin.create(adminConfig())) {
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
        try (Admin admin = Admin.create(adminConfig())) {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Properties adminConfig() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return props;
    }

    private static String serverProperties(int clientPort, int controllerPort, Path logs) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", 1);
        settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("log.dirs", logs.toAbsolutePath());
        settings.put("num.partitions", 3);
        settings.put("auto.create.topics.enable", true);
        settings.put("offsets.topic.replication.factor", 1);
        settings.put("offsets.topic.num.partitions", 10);
        settings.put("transaction.state.log.replication.factor", 1);
        settings.put("transaction.state.log.min.isr", 1);
        settings.put("share.coordinator.state.topic.replication.factor", 1);
        settings.put("share.coordinator.state.topic.min.isr", 1);
        settings.put("min.insync.replicas", 1);
        // A single-node broker has nobody to wait for: let consumer groups form at once.
        settings.put("group.initial.rebalance.delay.ms", 0);
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
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
