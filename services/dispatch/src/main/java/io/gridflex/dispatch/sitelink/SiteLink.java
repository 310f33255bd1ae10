package io.gridflex.dispatch.sitelink;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.jboss.logging.Logger;

import io.gridflex.dispatch.registry.SiteRegistryChange;
import io.gridflex.messages.access.KafkaPolicy;
import io.gridflex.messages.access.KafkaProvisioning;
import io.gridflex.messages.access.Passwords;
import io.gridflex.support.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * A registered site's link on Kafka: its own topics, its principal's ACLs on exactly those, and its credentials.
 * Registering a site onboards it at once; removing it takes its access away (ACLs first, so even an open connection
 * can do nothing more, then its login); issuing credentials gives it a new password, which only the caller sees.
 * Since the registry, not Kafka, is the truth, a reconciliation mends every site's link on start and then
 * periodically, so a site registered while Kafka was away is onboarded when it is back.
 */
@ApplicationScoped
public class SiteLink {

    private static final Logger LOG = Logger.getLogger(SiteLink.class);

    private final SiteLinkConfig config;
    private final RegisteredSites sites;
    private final Counter failures;
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("site-link").daemon().factory());
    private Admin admin;

    public SiteLink(SiteLinkConfig config, RegisteredSites sites, MeterRegistry registry) {
        this.config = config;
        this.sites = sites;
        this.failures = Counter.builder("gridflex.dispatch.site-link.failures")
                .description("Site link provisioning steps Kafka refused or did not answer (retried by reconciliation)")
                .register(registry);
        if (config.provisioning() && config.provisioner().password().isEmpty()) {
            throw new IllegalStateException("gridflex.site-link.provisioning is on but the provisioner has no password"
                    + " (GRIDFLEX_KAFKA_PROVISIONER_PASSWORD); turn provisioning off where the deployment declares"
                    + " sites' topics and users itself");
        }
    }

    void start(@Observes StartupEvent event) {
        if (config.provisioning()) {
            long every = config.reconcileInterval().toMillis();
            reconciler.scheduleWithFixedDelay(this::reconcileQuietly, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        reconciler.shutdownNow();
        if (admin != null) {
            admin.close();
        }
    }

    void on(@Observes SiteRegistryChange change) {
        if (change.removed()) {
            offboard(change.siteId());
        } else {
            onboard(change.siteId());
        }
    }

    public boolean enabled() {
        return config.provisioning();
    }

    /** Creates the site's topics and grants its ACLs; a failure is logged and left to reconciliation. */
    public void onboard(String siteId) {
        if (enabled()) {
            attempt("onboard site " + siteId, () -> provisioning().onboard(siteId));
        }
    }

    /** Takes a removed site's access away; a failure is logged and left to reconciliation. */
    public void offboard(String siteId) {
        if (enabled()) {
            attempt("offboard site " + siteId, () -> provisioning().offboard(siteId));
        }
    }

    /** Gives a registered site a new password (the old one stops working) and says how its agent connects. */
    public IssuedCredentials issue(String siteId) {
        if (!enabled()) {
            throw ApiException.conflict("provisioning-off", "this dispatch does not provision site credentials; "
                    + "the deployment issues them (a KafkaUser per site)");
        }
        String principal = KafkaPolicy.sitePrincipal(siteId);
        String password = Passwords.generate();
        try {
            KafkaProvisioning provisioning = provisioning();
            provisioning.onboard(siteId);
            provisioning.credentials(principal, password);
        } catch (RuntimeException e) {
            failures.increment();
            throw new ApiException(Status.SERVICE_UNAVAILABLE, "kafka-unavailable",
                    "Kafka did not take the site's credentials: " + e.getMessage());
        }
        LOG.infof("issued Kafka credentials for site %s (principal %s)", siteId, principal);
        return new IssuedCredentials(siteId, principal, password, "SCRAM-SHA-512", KafkaPolicy.siteTopics(siteId),
                KafkaPolicy.siteGroup(siteId));
    }

    /**
     * Makes Kafka agree with the registry: every site not removed has its topics and ACLs, every removed site none
     * of its ACLs and no login. Reads the broker's topics and ACLs once, so a thousand sites cost a few requests.
     */
    public synchronized ReconcileResult reconcile() {
        KafkaProvisioning provisioning = provisioning();
        Map<String, Boolean> registered = sites.all();
        Set<String> topics = provisioning.topicNames();
        Map<String, Set<org.apache.kafka.common.acl.AclBinding>> acls = new HashMap<>();
        provisioning.allAcls().forEach(acl -> acls.computeIfAbsent(acl.entry().principal(), p -> new HashSet<>())
                .add(acl));
        int onboarded = 0;
        int offboarded = 0;
        for (Map.Entry<String, Boolean> site : registered.entrySet()) {
            String siteId = site.getKey();
            Set<org.apache.kafka.common.acl.AclBinding> held = acls.getOrDefault(
                    "User:" + KafkaPolicy.sitePrincipal(siteId), Set.of());
            if (site.getValue()) {
                if (!topics.containsAll(KafkaPolicy.siteTopics(siteId))
                        || !held.containsAll(KafkaPolicy.site(siteId))) {
                    provisioning.onboard(siteId);
                    onboarded++;
                }
            } else if (!held.isEmpty()) {
                provisioning.offboard(siteId);
                offboarded++;
            }
        }
        return new ReconcileResult(registered.size(), onboarded, offboarded);
    }

    private void reconcileQuietly() {
        try {
            ReconcileResult result = reconcile();
            if (result.onboarded() + result.offboarded() > 0) {
                LOG.infof("site links reconciled: %d sites, %d onboarded, %d offboarded", result.sites(),
                        result.onboarded(), result.offboarded());
            }
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("site links not reconciled (retried in %s): %s", config.reconcileInterval(), e.getMessage());
        }
    }

    private void attempt(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("could not %s now (reconciliation retries within %s): %s", what, config.reconcileInterval(),
                    e.getMessage());
        }
    }

    private synchronized KafkaProvisioning provisioning() {
        if (admin == null) {
            admin = Admin.create(adminConfig());
        }
        return new KafkaProvisioning(admin, config.timeout());
    }

    private Map<String, Object> adminConfig() {
        String password = config.provisioner().password().orElseThrow();
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_SSL",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + config.provisioner().username() + "\" password=\"" + password + "\";",
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
                SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, config.truststore(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis());
    }

    /** What one reconciliation did. */
    public record ReconcileResult(int sites, int onboarded, int offboarded) {
    }

    /** A site's new Kafka login, shown once; dispatch keeps no copy. */
    public record IssuedCredentials(String siteId, String principal, String password, String mechanism,
            List<String> topics, String consumerGroup) {
    }
}
