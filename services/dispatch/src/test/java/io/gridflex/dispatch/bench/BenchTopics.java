package io.gridflex.dispatch.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.gridflex.messages.access.KafkaPolicy;
import io.gridflex.messages.access.KafkaProvisioning;
import io.gridflex.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The benchmark's own DR event and schedule topics, created before dispatch starts with the broker's clock as every
 * record's timestamp ({@code message.timestamp.type=LogAppendTime}): the latency is then the difference of two append
 * times on the same broker, with no producer clock in it. Own names, so topics that other test classes of the same
 * JVM created with default settings are never reused; {@link EventToKafkaProfile} points dispatch at them.
 */
public class BenchTopics implements QuarkusTestResourceLifecycleManager {

    static final String DR_EVENTS = "gridflex.bench.dr-events.v2";
    /** As many partitions as the shared topics of the dispatch tests. */
    static final int PARTITIONS = 3;

    @Override
    public Map<String, String> start() {
        create(KafkaTestResource.adminConfig(), List.of(DR_EVENTS));
        // The benchmark's own topics stand in for the platform's: dispatch may use them as it uses those.
        try (Admin admin = Admin.create(KafkaTestResource.adminConfig())) {
            String dispatch = "User:" + KafkaPolicy.Service.DISPATCH.principal();
            new KafkaProvisioning(admin, Duration.ofSeconds(30)).grant(List.of(
                    new AclBinding(new ResourcePattern(ResourceType.TOPIC, DR_EVENTS, PatternType.LITERAL),
                            new AccessControlEntry(dispatch, "*", AclOperation.READ, AclPermissionType.ALLOW))));
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // The broker is shared by the JVM's tests and stopped when it exits.
    }

    /** Creates the topics with log-append time, or switches existing ones to it. */
    static void create(Map<String, Object> clientConfig, Collection<String> names) {
        Map<String, String> configs = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        try (Admin admin = Admin.create(clientConfig)) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1).configs(configs))).all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + name, e);
                    }
                    admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, name),
                            List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                                    "LogAppendTime"), AlterConfigOp.OpType.SET))))
                            .all().get(30, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot prepare the benchmark topics", e);
        }
    }
}
