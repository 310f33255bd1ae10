package io.gridflex.testsupport;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;

import io.gridflex.infra.KafkaBroker;
import io.gridflex.infra.OncePerJvm;
import io.gridflex.messages.access.KafkaPolicy;
import io.gridflex.messages.access.KafkaPolicy.Service;
import io.gridflex.messages.access.KafkaProvisioning;
import io.gridflex.messages.access.Passwords;

/**
 * The platform's Kafka principals in a test JVM: one generated password per principal, provisioned with exactly the
 * production ACLs ({@link KafkaPolicy}) on each broker it is used with. A principal is a service's name
 * ({@code dispatch}, {@code settlement}, ...) or {@code site-<site id>}.
 */
public final class KafkaPrincipals {

    private static final Set<String> PROVISIONED = new HashSet<>();

    private KafkaPrincipals() {
    }

    /** Client settings (bootstrap, TLS, SASL) for {@code principal} on {@code broker}, provisioning it on first use. */
    public static Map<String, Object> clientConfig(KafkaBroker broker, String principal) {
        return broker.clientConfig(principal, ensure(broker, principal));
    }

    /** The principal's password in this JVM (the same on every broker). */
    public static String password(String principal) {
        // JVM-wide: a Quarkus application started later (another class loader) meets the broker as provisioned.
        return OncePerJvm.get("kafka-password/" + principal, Passwords::generate);
    }

    /** The principal's password, after making sure {@code broker} knows it with its ACLs. */
    public static synchronized String ensure(KafkaBroker broker, String principal) {
        String password = password(principal);
        if (PROVISIONED.add(broker.workDir() + "|" + principal)) {
            try (Admin admin = Admin.create(broker.adminConfig())) {
                new KafkaProvisioning(admin, Duration.ofSeconds(30)).principal(principal, password);
            } catch (RuntimeException e) {
                PROVISIONED.remove(broker.workDir() + "|" + principal);
                throw e;
            }
        }
        return password;
    }

    /**
     * The Quarkus configuration that makes a service connect to {@code broker} as {@code principal}: the keys every
     * service's application.properties builds its Kafka security settings from.
     */
    public static Map<String, String> serviceConfig(KafkaBroker broker, String principal) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("kafka.bootstrap.servers",
                broker.bootstrapServers(),
                "gridflex.kafka.username", principal,
                "gridflex.kafka.password", ensure(broker, principal),
                "gridflex.kafka.truststore", broker.truststore().toString()));
        if (Service.DISPATCH.principal().equals(principal)) {
            // Dispatch onboards the sites registered with it, as the provisioner.
            config.put("gridflex.site-link.provisioner.password", ensure(broker, Service.PROVISIONER.principal()));
        }
        return Map.copyOf(config);
    }
}
