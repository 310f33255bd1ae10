package io.gridflex.settlement.api;

import static io.gridflex.settlement.SettlementFixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bad requests get a 4xx with the JSON error body, whatever is wrong with them. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class ApiValidationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "from=2026-03-01T00:00:00Z                          | 'to' is required",
            "from=not-a-time&to=2026-03-02T00:00:00Z            | ending in Z",
            "from=2026-03-01T25:00:00Z&to=2026-03-02T00:00:00Z  | not an ISO-8601 instant",
            "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z  | must be before",
            "from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z  | must be before",
            "from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z  | longer than the allowed 31 days",
            "from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&after=yesterday | 'after' must be an ISO-8601 instant"})
    void aMalformedIntervalQueryIsABadRequest(String query, String detail) {
        as("bill").get("/api/sites/any-site/intervals?" + query).then()
                .statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("malformed-range"))
                .body("detail", containsString(detail));
    }

    @Test
    void anUnknownSiteIsNotFound() {
        as("bill").get("/api/sites/no-such-site/intervals?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z").then()
                .statusCode(404)
                .contentType("application/json")
                .body("error", equalTo("unknown-site"))
                .body("detail", containsString("no-such-site"));
    }

    @Test
    void aSiteWithoutScheduleIsNotFound() {
        as("bill").get("/api/sites/no-such-site/schedule?at=2026-03-01T00:00:00Z").then()
                .statusCode(404)
                .contentType("application/json")
                .body("error", equalTo("unknown-site"))
                .body("detail", containsString("no-such-site"));
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "2026-03-01T00:00:00", "2026-03-01T25:00:00Z"})
    void aMalformedScheduleInstantIsABadRequest(String at) {
        as("bill").queryParam("at", at).get("/api/sites/any-site/schedule").then()
                .statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("malformed-range"))
                .body("detail", containsString("'at'"));
    }

    @Test
    void anUnknownEventIsNotFound() {
        as("bill").get("/api/events/no-vtn/no-event/delivery").then()
                .statusCode(404)
                .contentType("application/json")
                .body("error", equalTo("unknown-event"))
                .body("detail", containsString("no-vtn/no-event"));
    }

    @ParameterizedTest
    @CsvSource({"0", "501", "ten"})
    void aLimitOutOfRangeIsABadRequest(String limit) {
        as("bill").queryParam("limit", limit).get("/api/events").then()
                .statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("malformed-limit"))
                .body("detail", equalTo("limit must be a whole number from 1 to 500"));
    }

    @ParameterizedTest
    @CsvSource({"0", "10001", "-3", "1e3"})
    void anIntervalPageSizeOutOfRangeIsABadRequest(String limit) {
        as("bill").queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-03-02T00:00:00Z")
                .queryParam("limit", limit).get("/api/sites/any-site/intervals").then()
                .statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("malformed-limit"))
                .body("detail", equalTo("limit must be a whole number from 1 to 10000"));
    }

    @Test
    void anUnknownPathAnswersInJson() {
        as("bill").get("/api/no-such-thing").then()
                .statusCode(404)
                .contentType("application/json")
                .body("error", equalTo("not-found"));
    }
}
