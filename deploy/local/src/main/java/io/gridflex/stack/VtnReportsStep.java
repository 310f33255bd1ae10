package io.gridflex.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The VTN's own reports: the stack's VTN simulator offers its point-of-interconnection meter
 * ({@value #SPECIFIER}), registers it with the gateway, and the gateway asks for it as the local program's
 * configuration says ({@link ServiceConfigs#venGateway}): a periodic TELEMETRY_USAGE report, whose readings it keeps.
 */
final class VtnReportsStep {

    static final String SPECIFIER = "poi-meter";
    /** The local program's configured request: samples every 5 s, a report every 10 s. */
    static final Duration GRANULARITY = Duration.ofSeconds(5);
    static final Duration REPORT_BACK = Duration.ofSeconds(10);

    private final LocalStack stack;
    private final Narrator narrator;
    private final JsonHttp http;

    VtnReportsStep(LocalStack stack, Narrator narrator, JsonHttp http) {
        this.stack = stack;
        this.narrator = narrator;
        this.http = http;
    }

    void run(String operator, String venId) {
        String vtn = stack.url("vtn-simulator");
        http.put(vtn + "/admin/vtn-reports/offers", List.of(Map.of("reportSpecifierId", SPECIFIER, "reportName",
                "METADATA_TELEMETRY_USAGE", "rIds", List.of("poi-import-kw"), "minPeriodSeconds", 1,
                "maxPeriodSeconds", 300)));
        http.post(vtn + "/admin/vtn-reports/vens/" + venId + "/register", Map.of());
        String overview = stack.url("ven-gateway") + "/api/programs/" + FleetSetup.PROGRAM + "/vtn-reports";
        Optional<JsonNode> reporting = http.await(overview, operator, o -> request(o).map(
                r -> "ACTIVE".equals(r.path("status").asText()) && !r.path("lastUpdateAt").isNull()).orElse(false),
                Duration.ofSeconds(60));
        if (reporting.isEmpty()) {
            narrator.fail("ven-gateway did not receive the VTN's %s report within 60 s", SPECIFIER);
            return;
        }
        JsonNode request = request(reporting.get()).orElseThrow();
        String id = request.path("reportRequestId").asText();
        int readings = http.get(overview + "/requests/" + id + "/readings", operator).map(JsonNode::size).orElse(0);
        narrator.step("The VTN offered its %s report; ven-gateway asked for it in its answer (%s every %s, sampled"
                + " every %s) and keeps what comes: %d reading(s) so far", SPECIFIER,
                request.path("requestedVia")
                        .asText(),
                REPORT_BACK, GRANULARITY, readings);
    }

    private static Optional<JsonNode> request(JsonNode overview) {
        for (JsonNode request : overview.path("requests")) {
            if (SPECIFIER.equals(request.path("reportSpecifierId").asText())) {
                return Optional.of(request);
            }
        }
        return Optional.empty();
    }
}
