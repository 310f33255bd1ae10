package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.Operator.auditor;
import static io.gridflex.dispatch.it.Operator.operator;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import io.gridflex.messages.Topics;
import io.gridflex.messages.access.KafkaPolicy;
import io.gridflex.messages.access.KafkaProvisioning;
import io.gridflex.testsupport.KafkaProbe;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Onboarding through the fleet registry on the real broker: registering a site creates its topics and ACLs, issuing
 * credentials lets its agent in (to its own topics only), and removing it shuts it out.
 */
@QuarkusTest
@TestProfile(NoClosedLoop.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class SiteLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Test
    void aRegisteredSiteGetsItsOwnLinkAndARemovedOneLosesIt() throws Exception {
        DispatchInfrastructure.createTopics();
        String program = unique("program");
        String site = unique("site");
        String neighbour = unique("site");
        Operator.program(program);
        Operator.site(site, program, 100, 100, 1);
        Operator.site(neighbour, program, 100, 100, 1);

        try (Admin admin = Admin.create(KafkaTestResource.adminConfig())) {
            KafkaProvisioning broker = new KafkaProvisioning(admin, Duration.ofSeconds(30));
            assertThat(broker.topicNames()).containsAll(KafkaPolicy.siteTopics(site));
            assertThat(broker.acls(KafkaPolicy.sitePrincipal(site))).containsExactlyInAnyOrderElementsOf(
                    KafkaPolicy.site(site));
            var schedules = new ConfigResource(ConfigResource.Type.TOPIC, Topics.siteSchedules(site));
            var config = admin.describeConfigs(List.of(schedules)).all().get(30, TimeUnit.SECONDS).get(schedules);
            KafkaPolicy.SCHEDULES_TOPIC_CONFIG.forEach((key, value) -> assertThat(config.get(key).value())
                    .as(key).isEqualTo(value));
        }

        JsonPath objects = auditor().get("/api/sites/{id}/kafka-objects", site).then().statusCode(200).extract()
                .jsonPath();
        assertThat(objects.getList("items.kind", String.class)).containsExactly("KafkaTopic", "KafkaTopic",
                "KafkaTopic", "KafkaUser");
        assertThat(objects.<Object>getList("items[3].spec.authorization.acls")).hasSize(4);

        auditor().post("/api/sites/{id}/kafka-credentials", site).then().statusCode(403);
        JsonPath issued = operator().post("/api/sites/{id}/kafka-credentials", site).then().statusCode(200)
                .extract().jsonPath();
        assertThat(issued.getString("principal")).isEqualTo("site-" + site);
        assertThat(issued.getList("topics", String.class)).containsExactlyInAnyOrderElementsOf(
                KafkaPolicy.siteTopics(site));
        String password = issued.getString("password");
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(operator().get("/api/audit").then().statusCode(200).extract().asString())
                .contains("site.kafka-credentials").doesNotContain(password);

        // The agent's login: its own telemetry reaches dispatch; the neighbour's channel is closed to it.
        Map<String, Object> agent = KafkaTestResource.broker().clientConfig("site-" + site, password);
        KafkaProbe.send(agent, Topics.siteTelemetry(site), site, telemetry(site, 1000, 400, 0));
        DispatchDatabase db = new DispatchDatabase(dataSource);
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM dispatch.site_live WHERE site_id = ?",
                site) == 1);
        assertThatThrownBy(() -> KafkaProbe.send(agent, Topics.siteTelemetry(neighbour), neighbour,
                telemetry(neighbour, 1000, 400, 0))).rootCause().isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> KafkaProbe.readOnce(agent, Topics.siteSchedules(neighbour), "site-agent-" + site))
                .isInstanceOf(TopicAuthorizationException.class);
        KafkaProbe.readOnce(agent, Topics.siteSchedules(site), "site-agent-" + site);

        // A new password replaces the old one.
        String second = operator().post("/api/sites/{id}/kafka-credentials", site).then().statusCode(200)
                .extract().jsonPath().getString("password");
        assertThat(second).isNotEqualTo(password);
        assertThatThrownBy(
                () -> KafkaProbe.send(agent, Topics.siteTelemetry(site), site, telemetry(site, 1000, 400, 0)))
                .rootCause().isInstanceOf(SaslAuthenticationException.class);

        operator().delete("/api/sites/{id}", site).then().statusCode(200);
        try (Admin admin = Admin.create(KafkaTestResource.adminConfig())) {
            assertThat(new KafkaProvisioning(admin, Duration.ofSeconds(30)).acls(KafkaPolicy.sitePrincipal(site)))
                    .isEmpty();
        }
        Map<String, Object> removed = KafkaTestResource.broker().clientConfig("site-" + site, second);
        assertThatThrownBy(
                () -> KafkaProbe.send(removed, Topics.siteTelemetry(site), site, telemetry(site, 1000, 400, 0)))
                .rootCause().isInstanceOf(SaslAuthenticationException.class);
        operator().post("/api/sites/{id}/kafka-credentials", site).then().statusCode(404);
        operator().post("/api/sites/{id}/kafka-credentials", "never-registered").then().statusCode(404);
    }

    @Test
    void reconciliationRestoresWhatWentMissing() throws Exception {
        String program = unique("program");
        String site = unique("site");
        Operator.program(program);
        Operator.site(site, program, 100, 100, 1);
        try (Admin admin = Admin.create(KafkaTestResource.adminConfig())) {
            KafkaProvisioning broker = new KafkaProvisioning(admin, Duration.ofSeconds(30));
            broker.revoke(KafkaPolicy.sitePrincipal(site));
            assertThat(broker.acls(KafkaPolicy.sitePrincipal(site))).isEmpty();
            // The reconciliation runs at start and then every second in this profile.
            await().atMost(WAIT).until(() -> Set.copyOf(broker.acls(KafkaPolicy.sitePrincipal(site)))
                    .containsAll(KafkaPolicy.site(site)));
        }
    }
}
