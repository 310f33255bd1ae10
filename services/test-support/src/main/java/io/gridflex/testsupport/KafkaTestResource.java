package io.gridflex.testsupport;

import java.util.Map;

import io.gridflex.infra.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service's Kafka clients at a real Apache Kafka broker (KRaft, its own JVM, TLS and SCRAM, ACLs enforced),
 * as the principal its module names in the system property {@value #PRINCIPAL} (set from the module's
 * {@code gridflex.kafka.principal} Maven property), with exactly that principal's production ACLs.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** The system property naming the principal the module's service runs as. */
    public static final String PRINCIPAL = "gridflex.test.kafka.principal";

    @Override
    public Map<String, String> start() {
        return KafkaPrincipals.serviceConfig(broker(), principal());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM exits.
    }

    /** The principal this module's service runs as. */
    public static String principal() {
        String principal = System.getProperty(PRINCIPAL);
        if (principal == null || principal.isBlank()) {
            throw new IllegalStateException("set the Maven property gridflex.kafka.principal in the module's pom");
        }
        return principal;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** The broker's super user: writes and reads anything (for tests that play another party). */
    public static Map<String, Object> adminConfig() {
        return broker().adminConfig();
    }

    public static KafkaBroker broker() {
        return SharedInfrastructure.kafka();
    }
}
