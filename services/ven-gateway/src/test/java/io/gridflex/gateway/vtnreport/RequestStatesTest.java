package io.gridflex.gateway.vtnreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class RequestStatesTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    private static VtnRequest request(String id, VtnRequest.Status status, Duration reportBack) {
        return new VtnRequest("p", id, "poi", "TELEMETRY_USAGE", List.of("poi-1"), Duration.ZERO, reportBack, "ven",
                "reg", status, VtnRequest.CREATE_REPORT, null, T, null);
    }

    private static final VtnRequest PERIODIC = request("periodic", VtnRequest.Status.REQUESTED, Duration.ofMinutes(1));
    private static final VtnRequest ONCE = request("once", VtnRequest.Status.REQUESTED, Duration.ZERO);
    private static final VtnRequest RUNNING = request("running", VtnRequest.Status.ACTIVE, Duration.ofMinutes(1));
    private static final VtnRequest ENDED = request("ended", VtnRequest.Status.CANCELLED, Duration.ofMinutes(1));

    @Test
    void whatTheVtnListsAsPendingIsActive() {
        List<VtnRequest> changed = RequestStates.afterCreated(List.of(PERIODIC, ONCE, RUNNING, ENDED),
                List.of("periodic", "once", "running"), List.of("periodic", "once"), null);
        assertThat(changed).extracting(VtnRequest::reportRequestId, VtnRequest::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("periodic", VtnRequest.Status.ACTIVE),
                org.assertj.core.groups.Tuple.tuple("once", VtnRequest.Status.ACTIVE));
    }

    @Test
    void aPeriodicRequestNotListedIsRefusedButAOneShotUnder200MayStillCome() {
        List<VtnRequest> changed = RequestStates.afterCreated(List.of(PERIODIC, ONCE), List.of(),
                List.of("periodic", "once"), null);
        assertThat(changed).singleElement().satisfies(r -> {
            assertThat(r.reportRequestId()).isEqualTo("periodic");
            assertThat(r.status()).isEqualTo(VtnRequest.Status.REFUSED);
            assertThat(r.detail()).contains("did not list it");
        });
    }

    @Test
    void underAnErrorCodeEveryRequestNotListedIsRefusedWithTheVtnsWords() {
        List<VtnRequest> changed = RequestStates.afterCreated(List.of(PERIODIC, ONCE), List.of("periodic"),
                List.of("periodic", "once"), "452 no report nothing");
        assertThat(changed).extracting(VtnRequest::status, VtnRequest::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(VtnRequest.Status.ACTIVE, null),
                org.assertj.core.groups.Tuple.tuple(VtnRequest.Status.REFUSED, "452 no report nothing"));
    }

    @Test
    void anActiveRequestTheListNoLongerNamesIsCompletedAndTheAnswerOfOtherRequestsLeavesItAlone() {
        assertThat(RequestStates.afterCreated(List.of(RUNNING, PERIODIC), List.of("periodic"), List.of("periodic"),
                null)).extracting(VtnRequest::reportRequestId, VtnRequest::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("running", VtnRequest.Status.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("periodic", VtnRequest.Status.ACTIVE));
        // An answer pushed on its own (asked null) is about every request still REQUESTED.
        assertThat(RequestStates.afterCreated(List.of(RUNNING, PERIODIC, ENDED), List.of("running", "periodic"),
                null, null)).extracting(VtnRequest::reportRequestId).containsExactly("periodic");
    }

    @Test
    void aReportCompletesAOneShotRequestAndLeavesAnEndedOneEnded() {
        Instant at = T.plusSeconds(5);
        assertThat(RequestStates.afterReport(ONCE, at)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(VtnRequest.Status.COMPLETED);
            assertThat(r.lastUpdateAt()).isEqualTo(at);
        });
        assertThat(RequestStates.afterReport(PERIODIC, at).status()).isEqualTo(VtnRequest.Status.ACTIVE);
        assertThat(RequestStates.afterReport(ENDED, at).status()).isEqualTo(VtnRequest.Status.CANCELLED);
    }
}
