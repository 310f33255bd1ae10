package io.gridflex.stack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The steps the demo's scenarios are made of, each narrated: the utility issues an event, ven-gateway answers it,
 * dispatch allocates it, a site sheds and restores (read from the miners themselves), and settlement states what was
 * delivered, compared with what the miners' own counters say.
 */
final class ScenarioSteps {

    /** Settlement and the miners' counters may differ by metering granularity, not by more. */
    static final double AGREEMENT_TOLERANCE = 0.05;
    /** How long settlement may take to state an event's figures once its last interval is due. */
    static final Duration SETTLE_WAIT = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final Narrator narrator;
    private final JsonHttp http;

    ScenarioSteps(LocalStack stack, Narrator narrator, JsonHttp http) {
        this.stack = stack;
        this.narrator = narrator;
        this.http = http;
    }

    Issued issue(String vtnId, double kw, Instant start, Duration duration) {
        return issue(vtnId, kw, start, duration, Duration.ZERO);
    }

    /** @param startAfter the start randomization the event allows each site ({@code startafter}); zero for none */
    Issued issue(String vtnId, double kw, Instant start, Duration duration, Duration startAfter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reductionKw", kw);
        body.put("durationSeconds", duration.toSeconds());
        if (start != null) {
            body.put("start", start.toString());
        }
        if (startAfter.isPositive()) {
            body.put("startAfterSeconds", startAfter.toSeconds());
        }
        return issue(vtnId, body);
    }

    /** A SIMPLE event: a level (1 to 3) and no kW. */
    Issued issueLevel(String vtnId, int level, Instant start, Duration duration) {
        return issue(vtnId, Map.of("level", level, "start", start.toString(), "durationSeconds",
                duration.toSeconds()));
    }

    private Issued issue(String vtnId, Map<String, Object> body) {
        JsonNode created = http.post(stack.url("vtn-simulator") + "/admin/events", body);
        String vtnEventId = created.path("eventId").asText();
        return new Issued(vtnId + "/" + vtnEventId, vtnEventId, Instant.parse(created.path("start").asText()),
                Instant.parse(created.path("end").asText()));
    }

    /**
     * A program on one of the secure VTNs: the gateway registers over mutual TLS (polling with signed payloads, or
     * taking the VTN's pushes), answers an event of it, and, since the program is not enrolled in dispatch (which
     * refuses its events, so the fleet can deliver nothing), opts out of it again with its own oadrCreateOpt.
     *
     * @param simulator the stack's name of that VTN simulator
     * @param how how the gateway and this VTN talk, for the narration
     * @return whether all of it happened
     */
    boolean secureProgram(String operator, String program, String simulator, String how) {
        Optional<JsonNode> registration = http.await(stack.url("ven-gateway") + "/api/programs/" + program,
                operator, r -> !r.path("venId").asText("").isEmpty(), Duration.ofSeconds(90));
        if (registration.isEmpty()) {
            narrator.fail("ven-gateway did not register with the VTN of program %s within 90 s", program);
            return false;
        }
        narrator.step("ven-gateway registered with VTN %s (%s) as VEN %s", registration.get().path("vtnId").asText(),
                how, registration.get().path("venId").asText());
        String admin = stack.url(simulator);
        JsonNode created = http.post(admin + "/admin/events", Map.of("reductionKw", 250, "durationSeconds", 600));
        String vtnEventId = created.path("eventId").asText();
        Optional<JsonNode> opts = http.await(admin + "/admin/opts?eventId=" + vtnEventId, null,
                r -> r.isArray() && !r.isEmpty(), Duration.ofSeconds(60));
        if (opts.isEmpty()) {
            narrator.fail("ven-gateway did not opt out of event %s of program %s within 60 s", vtnEventId, program);
            return false;
        }
        narrator.step("Its event %s: ven-gateway answered it, dispatch refused it (program %s is not enrolled), and "
                + "ven-gateway opted out of it again (%s, %s)", vtnEventId, program,
                opts.get().get(0).path("optType").asText(), opts.get().get(0).path("optReason").asText());
        return true;
    }

    Duration awaitOptIn(Issued event, Instant issued) {
        Optional<JsonNode> response = http.await(stack.url("vtn-simulator") + "/admin/events/" + event.vtnEventId(),
                null, e -> findResponse(e).isPresent(), Duration.ofSeconds(30));
        if (response.isEmpty()) {
            narrator.fail("ven-gateway did not answer event %s within 30 s", event.vtnEventId());
            return null;
        }
        JsonNode ven = findResponse(response.get()).orElseThrow();
        Duration latency = between(issued, ven.path("respondedAt").asText(null));
        narrator.step("ven-gateway polled the event and answered %s %s after it was issued",
                ven.path("optType").asText(), Narrator.seconds(latency));
        return latency;
    }

    /** Dispatch's allocation of the event, per site: the most it asks of each. */
    Map<String, Double> awaitAllocation(Issued event, String operator, double requestedKw) {
        Optional<JsonNode> detail = http.await(stack.url("dispatch") + "/api/events/" + pathOf(event.eventId()),
                operator, e -> e.path("sites").size() > 0, Duration.ofSeconds(30));
        Map<String, Double> shares = new LinkedHashMap<>();
        if (detail.isEmpty()) {
            narrator.fail("dispatch did not allocate %s within 30 s", event.eventId());
            return shares;
        }
        for (JsonNode site : detail.get().path("sites")) {
            shares.put(site.path("siteId").asText(), site.path("peakKw").asDouble());
        }
        narrator.step("dispatch allocated %.0f kW in merit order, within each site's enrollment and what it has left "
                + "after other events: %s", requestedKw, describe(shares, "kW"));
        return shares;
    }

    Optional<Duration> awaitDrop(EnergySampler sampler, String site, Instant start, double kw, Instant until,
            Instant issued) {
        double before = sampler.averageKw(site, start.minusSeconds(10), start);
        double target = before - 0.9 * kw;
        Optional<EnergySampler.Sample> dropped = awaitSample(sampler, site, start, p -> p <= target, until);
        if (dropped.isEmpty()) {
            narrator.fail("%s did not shed %.0f kW before the event ended", site, kw);
            return Optional.empty();
        }
        Duration latency = Duration.between(issued, dropped.get().at());
        narrator.step("%s shed: %.1f kW -> %.1f kW, %s after the utility issued the event", site, before,
                dropped.get().powerKw(), Narrator.seconds(latency));
        return Optional.of(latency);
    }

    void awaitRestore(EnergySampler sampler, String site, Instant baselineFrom, Instant baselineTo,
            Instant end) {
        double baseline = sampler.averageKw(site, baselineFrom, baselineTo);
        Optional<EnergySampler.Sample> restored = awaitSample(sampler, site, end, p -> p >= 0.95 * baseline,
                end.plusSeconds(120));
        if (restored.isEmpty()) {
            narrator.fail("%s did not restore its load within 120 s of the last event's end", site);
        } else {
            narrator.step("%s restored in stages to %.1f kW, %s after the last event ended", site,
                    restored.get().powerKw(), Narrator.seconds(Duration.between(end, restored.get().at())));
        }
    }

    /** Every piece of every event, from dispatch's published allocation. */
    List<TrueDelivery.Piece> pieces(String operator, List<String> eventIds) {
        List<TrueDelivery.Piece> pieces = new ArrayList<>();
        for (String eventId : eventIds) {
            JsonNode detail = http.get(stack.url("dispatch") + "/api/events/" + pathOf(eventId), operator)
                    .orElseThrow(() -> new IllegalStateException("dispatch no longer knows " + eventId));
            for (JsonNode site : detail.path("sites")) {
                for (JsonNode piece : site.path("pieces")) {
                    pieces.add(new TrueDelivery.Piece(site.path("siteId").asText(), eventId,
                            Instant.parse(piece.path("start").asText()), Instant.parse(piece.path("end").asText()),
                            piece.path("kw").asDouble()));
                }
            }
        }
        return pieces;
    }

    DemoReport.EventFigures settle(Issued event, double requestedKw, Map<String, Double> allocated,
            Map<String, Map<String, Double>> truth, String billing, Duration wait) {
        Map<String, Double> settled = new LinkedHashMap<>();
        Map<String, Double> expected = truth.getOrDefault(event.eventId(), Map.of());
        Optional<JsonNode> delivery = http.await(stack.url("settlement") + "/api/events/" + pathOf(event.eventId())
                + "/delivery", billing, d -> settledEverySite(d, expected.size()), wait);
        if (delivery.isEmpty()) {
            narrator.fail("settlement has no complete delivery figures for %s", event.eventId());
        } else {
            for (JsonNode site : delivery.get().path("sites")) {
                settled.put(site.path("siteId").asText(), site.path("deliveredKwh").asDouble());
            }
            narrator.step("settlement (as billing user bill), event %s: delivered %s, %.4f MWh in all",
                    event.vtnEventId(), describe(settled, "kWh"),
                    settled.values().stream().mapToDouble(Double::doubleValue).sum() / 1000);
            narrator.info("the miners' own counters, shared by the same kW, say: %s", describe(expected, "kWh"));
            expected.forEach((site, kwh) -> {
                double got = settled.getOrDefault(site, Double.NaN);
                if (!(Math.abs(got - kwh) <= AGREEMENT_TOLERANCE * Math.abs(kwh) + 0.01)) {
                    narrator.fail("%s, event %s: settlement says %.3f kWh, the miners say %.3f kWh", site,
                            event.vtnEventId(), got, kwh);
                }
            });
        }
        return new DemoReport.EventFigures(event.eventId(), requestedKw, allocated, settled, expected);
    }

    /** Whether settlement states complete figures for every one of {@code sites} sites in the event, now. */
    boolean deliveryComplete(Issued event, String billing, int sites) {
        return http.get(stack.url("settlement") + "/api/events/" + pathOf(event.eventId()) + "/delivery", billing)
                .map(d -> settledEverySite(d, sites)).orElse(false);
    }

    private static Optional<JsonNode> findResponse(JsonNode event) {
        for (JsonNode field : event) {
            if (field.isArray()) {
                for (JsonNode ven : field) {
                    if (ven.hasNonNull("optType") && ven.hasNonNull("respondedAt")) {
                        return Optional.of(ven);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static Optional<EnergySampler.Sample> awaitSample(EnergySampler sampler, String site, Instant from,
            java.util.function.DoublePredicate power, Instant until) {
        while (Instant.now().isBefore(until.plusSeconds(1))) {
            Optional<EnergySampler.Sample> found = sampler.firstWhere(site, from, power);
            if (found.isPresent()) {
                return found;
            }
            JsonHttp.sleep(Duration.ofMillis(200));
        }
        return sampler.firstWhere(site, from, power);
    }

    /** Settlement states a site's figures as COMPLETE once both its baseline and its windows are metered. */
    private static boolean settledEverySite(JsonNode delivery, int sites) {
        int complete = 0;
        for (JsonNode site : delivery.path("sites")) {
            complete += "COMPLETE".equals(site.path("status").asText()) ? 1 : 0;
        }
        return complete >= sites;
    }

    /** An event id in a URL path: its '/' separates vtnID and eventID and is matched as such by the services. */
    static String pathOf(String eventId) {
        return URLEncoder.encode(eventId, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    private static Duration between(Instant from, String to) {
        return to == null ? null : Duration.between(from, Instant.parse(to));
    }

    static String describe(Map<String, Double> values, String unit) {
        StringBuilder text = new StringBuilder();
        values.forEach((site, value) -> text.append(text.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.3f %s", site, value, unit)));
        return text.toString();
    }

    static void waitUntil(Instant moment) {
        Duration left = Duration.between(Instant.now(), moment);
        if (!left.isNegative()) {
            JsonHttp.sleep(left);
        }
    }

    /**
     * An event the utility issued.
     *
     * @param eventId GridFlex's id
     * @param vtnEventId the VTN's
     * @param start when it starts
     * @param end when it ends
     */
    record Issued(String eventId, String vtnEventId, Instant start, Instant end) {
    }
}
