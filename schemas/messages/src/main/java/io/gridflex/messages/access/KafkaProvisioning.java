package io.gridflex.messages.access;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;

import io.gridflex.messages.access.KafkaPolicy.Service;

/**
 * Applies {@link KafkaPolicy} to a broker through the Admin API: creates principals (SCRAM-SHA-512 credentials),
 * their ACLs and topics, and takes them away again. Every step is idempotent, so provisioning can simply be repeated
 * until it succeeds. The caller owns the {@link Admin} client.
 */
public final class KafkaProvisioning {

    /** SCRAM iterations: well above Kafka's minimum of 4096; a login costs the broker a few milliseconds. */
    static final int ITERATIONS = 8192;

    private final Admin admin;
    private final Duration timeout;

    public KafkaProvisioning(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Gives any of the platform's principals its password and ACLs: a service by its name ({@code dispatch}, ...), a
     * site as {@code site-<site id>} (onboarded: its topics are created if missing).
     */
    public void principal(String principal, String password) {
        if (principal.startsWith(KafkaPolicy.SITE_PRINCIPAL_PREFIX)) {
            onboard(principal.substring(KafkaPolicy.SITE_PRINCIPAL_PREFIX.length()));
            credentials(principal, password);
        } else {
            service(Service.named(principal), password);
        }
    }

    /** Gives a platform service its credentials and its ACLs. */
    public void service(Service service, String password) {
        credentials(service.principal(), password);
        grant(KafkaPolicy.service(service));
    }

    /** Gives a site its ACLs (its topics must exist or be created by the caller); credentials are issued apart. */
    public void site(String siteId) {
        grant(KafkaPolicy.site(siteId));
    }

    /**
     * Onboards a site: creates its topics (one partition each, so its records keep their order) and grants its ACLs.
     * Its agent can log in once {@link #credentials} gave it a password.
     */
    public void onboard(String siteId) {
        topics(KafkaPolicy.siteTopics(siteId), 1, KafkaPolicy::siteTopicConfig);
        site(siteId);
    }

    /**
     * Takes a removed site's access away ({@link #revoke}). Its topics stay until their retention ends, so what it
     * reported before is still read.
     */
    public void offboard(String siteId) {
        revoke(KafkaPolicy.sitePrincipal(siteId));
    }

    /**
     * Sets (or replaces) a principal's password, and returns once the broker shows the principal's credentials: the
     * controller commits them first and the broker applies them a moment later, and a client that logs in between is
     * refused as having invalid credentials.
     */
    public void credentials(String user, String password) {
        await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password))).all());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasCredentials(user)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Kafka did not show the credentials of " + user + " within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean hasCredentials(String user) {
        try {
            return await(admin.describeUserScramCredentials(List.of(user)).description(user)).credentialInfos()
                    .stream().anyMatch(info -> info.mechanism() == ScramMechanism.SCRAM_SHA_512);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Takes a principal's access away: first its ACLs (effective at once, even on open connections), then its
     * credentials (no new connection can log in).
     */
    public void revoke(String user) {
        await(admin.deleteAcls(List.of(KafkaPolicy.allOf(user))).all());
        try {
            await(admin.alterUserScramCredentials(
                    List.of(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512))).all());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof ResourceNotFoundException)) {
                throw e;
            }
        }
    }

    public void grant(Collection<AclBinding> acls) {
        await(admin.createAcls(acls).all());
    }

    /** The ACLs the broker holds for {@code user}. */
    public Set<AclBinding> acls(String user) {
        return Set.copyOf(await(admin.describeAcls(KafkaPolicy.allOf(user)).values()));
    }

    /** Every ACL the broker holds. */
    public Collection<AclBinding> allAcls() {
        return await(admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values());
    }

    /** The names of the broker's topics. */
    public Set<String> topicNames() {
        return await(admin.listTopics().names());
    }

    /** Creates the topics that do not exist yet, each with its own settings. */
    public void topics(Collection<String> names, int partitions, Function<String, Map<String, String>> config) {
        Set<String> existing = await(admin.listTopics().names());
        List<NewTopic> missing = names.stream().filter(name -> !existing.contains(name))
                .map(name -> new NewTopic(name, partitions, (short) -1).configs(config.apply(name))).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            await(admin.createTopics(missing).all());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
