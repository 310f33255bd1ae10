package io.gridflex.stack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One demo DR event through the whole platform, narrated step by step: the utility (VTN simulator) issues a
 * LOAD_DISPATCH event, ven-gateway polls it and opts in, dispatch splits it across the two sites, the site agents
 * shed simulated miners, restore them when it ends, and settlement computes the delivered energy, which is
 * compared with what the miners' own counters say they stopped drawing.
 */
public final class DemoScenario {

    /** Settlement and the miners' counters may differ by metering granularity, not by more. */
    public static final double AGREEMENT_TOLERANCE = 0.05;

    private final LocalStack stack;
    private final Narrator narrator;
    private final JsonHttp http = new JsonHttp();

    public DemoScenario(LocalStack stack, Narrator narrator) {
        this.stack = stack;
        this.narrator = narrator;
    }

    public DemoReport run(double reductionKw, Duration duration) {
        StackOptions options = stack.options();
        Map<String, Duration> shedLatency = new LinkedHashMap<>();
        Map<String, Double> allocated = new LinkedHashMap<>();
        Map<String, Double> settled = new LinkedHashMap<>();
        Map<String, Double> truth = new LinkedHashMap<>();
        Duration optIn = null;
        String eventId = null;

        try (EnergySampler sampler = new EnergySampler(http, stack.url("miner-simulator"), LocalStack.SITES)) {
            JsonNode registration = http.await(stack.url("ven-gateway") + "/api/registration", null,
                    r -> !r.path("venId").asText("").isEmpty(), Duration.ofSeconds(90)).orElse(null);
            if (registration == null) {
                narrator.fail("ven-gateway did not register with the VTN within 90 s");
                return report(null, reductionKw, null, shedLatency, allocated, settled, truth);
            }
            String vtnId = registration.path("vtnId").asText();
            narrator.step("ven-gateway registered with VTN %s as VEN %s", vtnId, registration.path("venId").asText());

            Instant baselineFrom = stack.sitesReadyAt().plus(options.telemetryInterval().multipliedBy(2));
            Instant issueAt = baselineFrom.plus(options.baselineWindow());
            narrator.info("Collecting a %s meter-before baseline while the sites mine normally...",
                    Narrator.seconds(options.baselineWindow()));
            waitUntil(issueAt);
            for (String site : LocalStack.SITES) {
                sampler.read(site).ifPresent(s -> narrator.info("%s draws %.1f kW", site, s.powerKw()));
            }

            Instant issued = Instant.now();
            JsonNode created = http.post(stack.url("vtn-simulator") + "/admin/events",
                    Map.of("reductionKw", reductionKw, "durationSeconds", duration.toSeconds()));
            String vtnEventId = created.path("eventId").asText();
            Instant start = Instant.parse(created.path("start").asText());
            Instant end = Instant.parse(created.path("end").asText());
            eventId = vtnId + "/" + vtnEventId;
            narrator.step("The utility issued event %s: reduce %.0f kW from %s for %s", vtnEventId, reductionKw,
                    start, Narrator.seconds(duration));

            Optional<JsonNode> response = http.await(stack.url("vtn-simulator") + "/admin/events/" + vtnEventId, null,
                    e -> findResponse(e).isPresent(), Duration.ofSeconds(30));
            if (response.isEmpty()) {
                narrator.fail("ven-gateway did not answer the event within 30 s");
            } else {
                JsonNode ven = findResponse(response.get()).orElseThrow();
                optIn = between(issued, ven.path("respondedAt").asText(null));
                narrator.step("ven-gateway polled the event and answered %s %s after it was issued",
                        ven.path("optType").asText(), Narrator.seconds(optIn));
            }

            String encoded = pathOf(eventId);
            Optional<JsonNode> allocation = http.await(stack.url("dispatch") + "/api/events/" + encoded, null,
                    e -> e.path("commands").size() >= LocalStack.SITES.size(), Duration.ofSeconds(30));
            if (allocation.isEmpty()) {
                narrator.fail("dispatch did not issue a command to each site within 30 s");
            } else {
                for (JsonNode command : allocation.get().path("commands")) {
                    allocated.put(command.path("siteId").asText(), command.path("shedKw").asDouble());
                }
                narrator.step("dispatch split %.0f kW: %s", reductionKw, describe(allocated, "kW"));
            }

            for (String site : LocalStack.SITES) {
                double before = sampler.averageKw(site, start.minusSeconds(10), start);
                double target = before - 0.9 * allocated.getOrDefault(site, 0.0);
                Optional<EnergySampler.Sample> dropped = awaitSample(sampler, site, start, p -> p <= target, end);
                if (dropped.isEmpty()) {
                    narrator.fail("%s did not shed %.0f kW before the event ended", site,
                            allocated.getOrDefault(site, 0.0));
                } else {
                    Duration latency = Duration.between(issued, dropped.get().at());
                    shedLatency.put(site, latency);
                    narrator.step("%s shed: %.1f kW -> %.1f kW, %s after the utility issued the event", site,
                            before, dropped.get().powerKw(), Narrator.seconds(latency));
                }
            }

            narrator.info("Holding the reduction until %s...", end);
            waitUntil(end);
            for (String site : LocalStack.SITES) {
                double baseline = sampler.averageKw(site, start.minus(options.baselineWindow()), start);
                Optional<EnergySampler.Sample> restored = awaitSample(sampler, site, end,
                        p -> p >= 0.95 * baseline, end.plusSeconds(120));
                if (restored.isEmpty()) {
                    narrator.fail("%s did not restore its load within 120 s of the event end", site);
                } else {
                    narrator.step("%s restored in stages to %.1f kW, %s after the event ended", site,
                            restored.get().powerKw(), Narrator.seconds(Duration.between(end, restored.get().at())));
                }
                double eventHours = Duration.between(start, end).toMillis() / 3_600_000.0;
                double used = sampler.energyAt(site, end) - sampler.energyAt(site, start);
                truth.put(site, baseline * eventHours - used);
            }

            String token = stack.keycloak().userToken("bill", "gridflex-demo");
            Instant settledBy = end.plus(options.telemetryInterval().multipliedBy(3));
            waitUntil(settledBy);
            Optional<JsonNode> delivery = http.await(stack.url("settlement") + "/api/events/" + encoded + "/delivery",
                    token, DemoScenario::settledEverySite, Duration.ofSeconds(30));
            if (delivery.isEmpty()) {
                narrator.fail("settlement has no delivery figures for %s", eventId);
            } else {
                for (JsonNode site : delivery.get().path("sites")) {
                    settled.put(site.path("siteId").asText(), site.path("deliveredKwh").asDouble());
                }
                narrator.step("settlement (as billing user bill): delivered %s, %.4f MWh in all", describe(settled,
                        "kWh"), settled.values().stream().mapToDouble(Double::doubleValue).sum() / 1000);
                narrator.info("the miners' own counters say: %s", describe(truth, "kWh"));
                for (String site : LocalStack.SITES) {
                    double expected = truth.getOrDefault(site, 0.0);
                    double got = settled.getOrDefault(site, Double.NaN);
                    if (!(Math.abs(got - expected) <= AGREEMENT_TOLERANCE * Math.abs(expected) + 0.01)) {
                        narrator.fail("%s: settlement says %.3f kWh, the miners say %.3f kWh", site, got, expected);
                    }
                }
            }
        } catch (RuntimeException e) {
            narrator.fail("demo stopped: %s", e.getMessage());
        }
        return report(eventId, reductionKw, optIn, shedLatency, allocated, settled, truth);
    }

    private DemoReport report(String eventId, double reductionKw, Duration optIn, Map<String, Duration> shed,
            Map<String, Double> allocated, Map<String, Double> settled, Map<String, Double> truth) {
        return new DemoReport(eventId, reductionKw, optIn, shed, allocated, settled, truth, narrator.failures());
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

    private static Optional<EnergySampler.Sample> awaitSample(EnergySampler sampler, String site, Instant from,
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

    /** Settlement states a site's figures as COMPLETE once both windows are metered. */
    private static boolean settledEverySite(JsonNode delivery) {
        int complete = 0;
        for (JsonNode site : delivery.path("sites")) {
            complete += "COMPLETE".equals(site.path("status").asText()) ? 1 : 0;
        }
        return complete >= LocalStack.SITES.size();
    }

    /** An event id in a URL path: its '/' separates vtnID and eventID and is matched as such by the services. */
    private static String pathOf(String eventId) {
        return URLEncoder.encode(eventId, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    private static Duration between(Instant from, String to) {
        return to == null ? null : Duration.between(from, Instant.parse(to));
    }

    private static String describe(Map<String, Double> values, String unit) {
        StringBuilder text = new StringBuilder();
        values.forEach((site, value) -> text.append(text.isEmpty() ? "" : ", ")
                .append(String.format(java.util.Locale.ROOT, "%s %.3f %s", site, value, unit)));
        return text.toString();
    }

    private static void waitUntil(Instant moment) {
        Duration left = Duration.between(Instant.now(), moment);
        if (!left.isNegative()) {
            JsonHttp.sleep(left);
        }
    }

}
