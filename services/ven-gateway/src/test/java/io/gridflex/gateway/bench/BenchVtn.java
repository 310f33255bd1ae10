package io.gridflex.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.infra.FreePort;
import io.gridflex.messages.Topics;
import io.gridflex.openadr.pki.Fingerprint;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The benchmark's VTN: the real VTN simulator in its production set-up (mutual TLS both ways, as a utility runs it),
 * with two programs of the gateway on it: {@value #PUSH} (the simulator POSTs each event change to the gateway's push
 * listener) and {@value #PULL} (the gateway polls every {@value #PULL_INTERVAL}). Before the gateway starts, the DR
 * event topic is switched to the broker's clock ({@code message.timestamp.type=LogAppendTime}): a record's timestamp
 * is then the moment the broker appended it, with the gateway's clock nowhere in it. The broker is this JVM's own (the
 * harness runs only the benchmarks), so no other test sees the change.
 * <p>
 * The API's OIDC tenant is switched off: the benchmark never calls the API, and Keycloak would only take memory and
 * CPU from what is measured.
 */
public class BenchVtn implements QuarkusTestResourceLifecycleManager {

    static final String PUSH = "bench-push";
    /** The test profile's own program (application.properties), pointed at this simulator. */
    static final String PULL = "default";
    /** As fast as the gateway allows ({@code poll.minimum-interval}): the poll wait is not what is measured. */
    static final String PULL_INTERVAL = "500ms";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestPki pki;
    private static Identity ven;
    private static VtnSimulator simulator;
    private static HttpClient admin;

    @Override
    public Map<String, String> start() {
        logAppendTime(Topics.DR_EVENTS);
        pki = TestPki.create(TestPki.inTarget("gateway-bench"), "Gateway Bench", KeyType.EC);
        Identity vtn = pki.server("vtn", KeyType.EC);
        ven = pki.client("gridflex-ven", KeyType.EC);
        Identity listener = pki.server("ven-push-listener", KeyType.EC);
        simulator = VtnSimulator.startTls(pki.sslContext(ven), Map.of(
                "quarkus.tls.openadr.key-store.pem.vtn.cert", vtn.certificate().toString(),
                "quarkus.tls.openadr.key-store.pem.vtn.key", vtn.key().toString(),
                "quarkus.tls.openadr.trust-store.pem.certs", pki.caCertificate().toString()));
        // One client for every admin call, so its connection stays open between rounds.
        admin = HttpClient.newBuilder().sslContext(pki.sslContext(ven)).version(HttpClient.Version.HTTP_1_1).build();
        int port = FreePort.pick();

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.oidc.tenant-enabled", "false");
        config.put("gridflex.gateway.push.host", "127.0.0.1");
        config.put("gridflex.gateway.push.port", Integer.toString(port));
        config.put("gridflex.gateway.push.public-url", "https://127.0.0.1:" + port);
        config.put("gridflex.gateway.push.certificate", listener.certificate().toString());
        config.put("gridflex.gateway.push.key", listener.key().toString());
        program(config, PULL);
        config.put("gridflex.gateway.programs." + PULL + ".poll.interval", PULL_INTERVAL);
        program(config, PUSH);
        config.put("gridflex.gateway.programs." + PUSH + ".transport", "push");
        config.put("gridflex.gateway.programs." + PUSH + ".tls.pinned-fingerprints",
                Fingerprint.sha256(vtn.leaf()).toString());
        return config;
    }

    private static void program(Map<String, String> config, String id) {
        String prefix = "gridflex.gateway.programs." + id + ".";
        config.put(prefix + "vtn.url", simulator.baseUrl());
        config.put(prefix + "ven-name", "gridflex-" + id);
        config.put(prefix + "tls.certificate", ven.certificate().toString());
        config.put(prefix + "tls.key", ven.key().toString());
        config.put(prefix + "tls.trusted-certificates", pki.caCertificate().toString());
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** The simulator's admin API (a utility operator's console), over mutual TLS with the VEN's certificate. */
    static JsonNode admin(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = admin.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void logAppendTime(String topic) {
        try (Admin kafka = Admin.create(KafkaTestResource.adminConfig())) {
            kafka.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                            "LogAppendTime"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot switch " + topic + " to the broker's append time", e);
        }
    }
}
