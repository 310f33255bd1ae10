package io.gridflex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gridflex.infra.KafkaBroker;
import io.gridflex.messages.Topics;

/**
 * The platform's ACLs on a real broker: each principal can do its part of the message flow and the broker refuses
 * everything else, so a forged DR event, schedule or reading never reaches a consumer.
 */
class PlatformAclTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void broker() {
        broker = KafkaTestResource.broker();
    }

    @Test
    void aSiteUsesItsOwnTopicsAndNoOtherSites() throws Exception {
        String a = "acl-a-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "acl-b-" + UUID.randomUUID().toString().substring(0, 8);
        String siteA = "site-" + a;
        KafkaPrincipals.ensure(broker, "site-" + b);
        send(siteA, Topics.siteTelemetry(a), a);
        send(siteA, Topics.scheduleAcks(a), a);
        read(siteA, Topics.siteSchedules(a), "site-agent-" + a);

        // Site B's channel: its commands cannot be read, its reports cannot be forged.
        assertCannotRead(siteA, Topics.siteSchedules(b), "site-agent-" + a);
        assertRefused(siteA, Topics.siteTelemetry(b), b);
        assertRefused(siteA, Topics.scheduleAcks(b), b);
        // No command, not even to itself; no event, no status; nobody's reports to read.
        assertRefused(siteA, Topics.siteSchedules(a), a);
        assertRefused(siteA, Topics.DR_EVENTS);
        assertRefused(siteA, Topics.DISPATCH_STATUS);
        assertCannotRead(siteA, Topics.siteTelemetry(a), "site-agent-" + a);
        assertCannotRead(siteA, Topics.DR_EVENTS, "site-agent-" + a);
        // Its own schedules, but only in its own group.
        assertThatThrownBy(() -> read(siteA, Topics.siteSchedules(a), "site-agent-" + b))
                .isInstanceOf(GroupAuthorizationException.class);
        try (TestKafka admin = new TestKafka(broker.adminConfig())) {
            assertThat(admin.poll(Topics.siteTelemetry(b), r -> true, Duration.ofSeconds(3))).isEmpty();
        }
    }

    @Test
    void aRemovedSiteLosesItsAccessAtOnce() throws Exception {
        String site = "acl-gone-" + UUID.randomUUID().toString().substring(0, 8);
        send("site-" + site, Topics.siteTelemetry(site), site);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
                .create(broker.adminConfig())) {
            new io.gridflex.messages.access.KafkaProvisioning(admin, Duration.ofSeconds(30)).offboard(site);
        }
        assertThatThrownBy(() -> send("site-" + site, Topics.siteTelemetry(site), site)).rootCause()
                .isInstanceOfAny(SaslAuthenticationException.class, TopicAuthorizationException.class,
                        ClusterAuthorizationException.class);
    }

    @Test
    void onlyTheGatewayPublishesDrEventsAndNothingElse() throws Exception {
        String forged = "forged-" + UUID.randomUUID();
        send("ven-gateway", Topics.DR_EVENTS, "gateway-" + forged);
        for (String principal : List.of("dispatch", "settlement", "provisioner", "site-forger")) {
            assertRefused(principal, Topics.DR_EVENTS, forged);
        }
        assertRefused("ven-gateway", Topics.siteSchedules("acl-site"));
        assertRefused("ven-gateway", Topics.siteTelemetry("acl-site"));
        assertCannotRead("ven-gateway", Topics.DR_EVENTS, "gridflex-dispatch.dr-events");
        assertCannotRead("ven-gateway", Topics.DR_EVENTS, "gridflex-gateway.dr-events");
        try (TestKafka admin = new TestKafka(broker.adminConfig())) {
            assertThat(admin.poll(Topics.DR_EVENTS, r -> forged.equals(r.key()), Duration.ofSeconds(3))).isEmpty();
            assertThat(admin.awaitRecord(Topics.DR_EVENTS, r -> ("gateway-" + forged).equals(r.key()),
                    Duration.ofSeconds(30))).isNotNull();
        }
    }

    @Test
    void theGatewayReadsEverySitesTelemetryAndDispatchStatusInItsOwnGroupsOnly() {
        KafkaPrincipals.ensure(broker, "site-acl-site");
        read("ven-gateway", Topics.siteTelemetry("acl-site"), "gridflex-gateway.acl-test-" + UUID.randomUUID());
        assertThatThrownBy(() -> read("ven-gateway", Topics.siteTelemetry("acl-site"),
                "gridflex-dispatch.site-telemetry")).isInstanceOf(GroupAuthorizationException.class);
        // Dispatch's word on each event, to opt out of what the fleet cannot deliver; never to forge it.
        read("ven-gateway", Topics.DISPATCH_STATUS, "gridflex-gateway.acl-test-" + UUID.randomUUID());
        assertRefused("ven-gateway", Topics.DISPATCH_STATUS);
        for (String topic : List.of(Topics.siteSchedules("acl-site"), Topics.scheduleAcks("acl-site"))) {
            assertCannotRead("ven-gateway", topic, "gridflex-gateway.acl-test");
        }
    }

    @Test
    void dispatchWritesSchedulesAndStatusButForgesNoReadingOrEvent() throws Exception {
        KafkaPrincipals.ensure(broker, "site-acl-site");
        send("dispatch", Topics.siteSchedules("acl-site"), "acl-site");
        send("dispatch", Topics.DISPATCH_STATUS, "acl-event");
        assertRefused("dispatch", Topics.siteTelemetry("acl-site"));
        assertRefused("dispatch", Topics.scheduleAcks("acl-site"));
        read("dispatch", Topics.siteTelemetry("acl-site"), "gridflex-dispatch.acl-test-" + UUID.randomUUID());
        assertThatThrownBy(() -> read("dispatch", Topics.siteTelemetry("acl-site"),
                "gridflex-settlement.site-telemetry")).isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void settlementOnlyReads() throws Exception {
        KafkaPrincipals.ensure(broker, "site-acl-site");
        for (String topic : List.of(Topics.DR_EVENTS, Topics.siteSchedules("acl-site"),
                Topics.scheduleAcks("acl-site"), Topics.siteTelemetry("acl-site"))) {
            read("settlement", topic, "gridflex-settlement.acl-test-" + UUID.randomUUID());
            assertRefused("settlement", topic);
        }
        assertCannotRead("settlement", Topics.DISPATCH_STATUS, "gridflex-settlement.acl-test");
    }

    @Test
    void theProvisionerManagesAccessButCarriesNoMessage() {
        KafkaPrincipals.ensure(broker, "site-acl-site");
        for (String topic : List.of(Topics.DR_EVENTS, Topics.siteSchedules("acl-site"),
                Topics.siteTelemetry("acl-site"))) {
            assertRefused("provisioner", topic);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        KafkaPrincipals.ensure(broker, "settlement");
        Map<String, Object> config = broker.clientConfig("settlement", "not-the-password");
        assertThatThrownBy(() -> producerSend(config, Topics.DR_EVENTS, "x"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    private static void send(String principal, String topic, String key) throws Exception {
        producerSend(KafkaPrincipals.clientConfig(broker, principal), topic, key);
    }

    private static void assertRefused(String principal, String topic) {
        assertRefused(principal, topic, "forged");
    }

    private static void assertRefused(String principal, String topic, String key) {
        // A principal allowed to write no topic at all is already refused the producer id (a cluster-level check).
        assertThatThrownBy(() -> send(principal, topic, key)).as("%s writing %s", principal, topic).rootCause()
                .isInstanceOfAny(TopicAuthorizationException.class, ClusterAuthorizationException.class);
    }

    private static void assertCannotRead(String principal, String topic, String group) {
        assertThatThrownBy(() -> read(principal, topic, group)).as("%s reading %s", principal, topic)
                .isInstanceOfAny(TopicAuthorizationException.class, GroupAuthorizationException.class);
    }

    private static void producerSend(Map<String, Object> client, String topic, String key) throws Exception {
        KafkaProbe.send(client, topic, key, "{}");
    }

    /** Reads one poll of partition 0 in {@code group}, committing its position (which needs the group's ACL). */
    private static void read(String principal, String topic, String group) {
        KafkaProbe.readOnce(KafkaPrincipals.clientConfig(broker, principal), topic, group);
    }
}
