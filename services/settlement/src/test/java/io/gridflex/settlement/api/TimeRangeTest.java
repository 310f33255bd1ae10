package io.gridflex.settlement.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.gridflex.support.web.ApiException;

class TimeRangeTest {

    private static final Duration MAX = Duration.ofDays(31);

    @Test
    void aWellFormedRangeIsAccepted() {
        TimeRange range = TimeRange.parse("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", MAX);

        assertThat(range.from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void malformedRangesAreBadRequests() {
        assertBadRequest(null, "2026-03-02T00:00:00Z", "'from' is required");
        assertBadRequest("2026-03-01T00:00:00Z", "", "'to' is required");
        assertBadRequest("yesterday", "2026-03-02T00:00:00Z", "ending in Z");
        assertBadRequest("2026-03-01T00:00:00+02:00", "2026-03-02T00:00:00Z", "ending in Z");
        assertBadRequest("2026-13-01T00:00:00Z", "2026-03-02T00:00:00Z", "not an ISO-8601 instant");
        assertBadRequest("2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z", "must be before");
        assertBadRequest("2026-03-03T00:00:00Z", "2026-03-02T00:00:00Z", "must be before");
        assertBadRequest("2026-03-01T00:00:00Z", "2026-04-01T00:00:01Z", "longer than the allowed 31 days");
    }

    private static void assertBadRequest(String from, String to, String detail) {
        assertThatThrownBy(() -> TimeRange.parse(from, to, MAX))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(Response.Status.BAD_REQUEST);
                    assertThat(e.body().error()).isEqualTo("malformed-range");
                    assertThat(e.body().detail()).contains(detail);
                });
    }
}
