package io.gridflex.settlement.meter;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.sendSteps;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A long interval query comes in pages that, followed by their nextAfter, give every interval exactly once. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class SiteIntervalPagingTest {

    private static final Instant T = Instant.parse("2026-05-05T08:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void followingNextAfterVisitsEveryIntervalOnceInOrder() {
        String site = unique("site-pages");
        sendSteps(site, T, 5, "0.25");
        // Settlement sees a new site's topic at its next metadata refresh: until then the site is unknown (404).
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(page(site, null, 100).getList("intervals")).hasSize(5));

        List<String> starts = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = page(site, after, 2);
            List<String> pageStarts = page.getList("intervals.intervalStart");
            starts.addAll(pageStarts);
            sizes.add(pageStarts.size());
            after = page.getString("nextAfter");
            if (after != null) {
                assertThat(after).isEqualTo(pageStarts.getLast());
            }
        } while (after != null && sizes.size() < 10);

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(starts).containsExactly(T.toString(), T.plusSeconds(10).toString(), T.plusSeconds(20).toString(),
                T.plusSeconds(30).toString(), T.plusSeconds(40).toString());
    }

    @Test
    void aPageThatHoldsTheRestSaysNothingFollows() {
        String site = unique("site-one-page");
        sendSteps(site, T, 3, "0.25");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(page(site, null, 100).getList("intervals")).hasSize(3));

        JsonPath exact = page(site, null, 3);
        assertThat(exact.getList("intervals")).hasSize(3);
        assertThat(exact.getString("nextAfter")).isNull();

        JsonPath beyond = page(site, T.plusSeconds(20).toString(), 3);
        assertThat(beyond.getList("intervals")).isEmpty();
        assertThat(beyond.getString("nextAfter")).isNull();
    }

    private static JsonPath page(String site, String after, int limit) {
        var request = as("bill").queryParam("from", T.minusSeconds(60).toString())
                .queryParam("to", T.plusSeconds(3600).toString())
                .queryParam("limit", limit);
        if (after != null) {
            request = request.queryParam("after", after);
        }
        return request.get("/api/sites/" + site + "/intervals").then().statusCode(200).extract().jsonPath();
    }
}
