package io.gridflex.dispatch.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.gridflex.infra.FreePort;
import io.gridflex.infra.KafkaBroker;
import io.gridflex.messages.access.KafkaPolicy.Service;
import io.gridflex.testsupport.KafkaPrincipals;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A second real Kafka broker that only the site-schedules channel talks to, so a test can take it down while events
 * still arrive through the shared broker. Its pid, port and directory go into system properties, which the test reads
 * whichever class loader it runs in, to stop and restart it on the same port.
 */
public class ScheduleBrokerResource implements QuarkusTestResourceLifecycleManager {

    static final String PID = "gridflex.test.schedule-broker.pid";
    static final String PORT = "gridflex.test.schedule-broker.port";
    static final String DIR = "gridflex.test.schedule-broker.dir";

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "schedule-broker")), "kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = KafkaBroker.start(dir.toAbsolutePath(), FreePort.pickForRestart());
        System.setProperty(PID, Long.toString(broker.pid()));
        System.setProperty(PORT, Integer.toString(broker.port()));
        System.setProperty(DIR, dir.toAbsolutePath().toString());
        SharedInfrastructure.createPlatformTopics(broker);
        // Dispatch logs in there as it does on the shared broker (same principal and password, same ACLs), and
        // onboards sites there, since that is where their schedules go.
        KafkaPrincipals.ensure(broker, KafkaTestResource.principal());
        KafkaPrincipals.ensure(broker, Service.PROVISIONER.principal());
        return Map.of("mp.messaging.outgoing.site-schedules.bootstrap.servers", broker.bootstrapServers(),
                "mp.messaging.outgoing.site-schedules.ssl.truststore.location", broker.truststore().toString(),
                "gridflex.site-link.bootstrap-servers", broker.bootstrapServers(),
                "gridflex.site-link.truststore", broker.truststore().toString());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
