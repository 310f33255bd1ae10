package io.gridflex.stack;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.stack.ScenarioSteps.Issued;

/**
 * An event with start randomization that the utility changes on its way: lowered before it starts, raised while it
 * runs, changed in place without a new modificationNumber (which changes nothing: {@link ChangedInPlace}), then
 * cancelled long before its end. Each change travels VTN → ven-gateway → dispatch → the sites' schedules,
 * and the miners' own draw shows it: each site starts within the event's {@code startafter} (dispatch draws its
 * offset), shedding what the lowered event asks, sheds more as soon as it is raised, and comes back as soon as it is
 * cancelled, not at its end.
 */
final class ChangedEvent {

    /** The event as issued is long enough that only its cancellation can explain the sites coming back. */
    private static final Duration LENGTH = Duration.ofSeconds(150);
    /** Before the start: time for the pending modification to reach the sites. */
    private static final Duration LEAD = Duration.ofSeconds(20);
    /** The randomization the event allows: each site starts up to this late. */
    private static final Duration START_AFTER = Duration.ofSeconds(10);
    /** How long each change may take from the utility to dispatch's allocation. */
    private static final Duration TO_DISPATCH = Duration.ofSeconds(30);
    /** How long the sites may take to show each change once the allocation has it. */
    private static final Duration TO_SITES = Duration.ofSeconds(30);
    private static final String LOWERED = "as lowered";

    private final LocalStack stack;
    private final Narrator narrator;
    private final ScenarioSteps steps;
    private final JsonHttp http;

    ChangedEvent(LocalStack stack, Narrator narrator, ScenarioSteps steps, JsonHttp http) {
        this.stack = stack;
        this.narrator = narrator;
        this.steps = steps;
        this.http = http;
    }

    /**
     * @param reductionKw what the event asks as issued, and again once raised; lowered, it asks half of it
     */
    void run(EnergySampler sampler, String vtnId, double reductionKw) {
        String operator = stack.keycloak().userToken("olivia", stack.keycloak().demoPassword());
        Instant start = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
        Issued event = steps.issue(vtnId, reductionKw, start, LENGTH, START_AFTER);
        narrator.step("The utility issued event %s: reduce %.0f kW from %s for %s, each site may start up to %s late",
                event.vtnEventId(), reductionKw, event.start(), Narrator.seconds(LENGTH),
                Narrator.seconds(START_AFTER));
        // Every site has started once the randomization is over.
        Instant started = start.plus(START_AFTER);
        if (awaitAllocatedAt(event, operator, started, reductionKw).isEmpty()) {
            return;
        }

        double lowered = reductionKw / 2;
        modify(event, lowered);
        narrator.step("Before it started, the utility lowered it to %.0f kW (a modification of a pending event)",
                lowered);
        Optional<Map<String, Double>> loweredShares = awaitAllocatedAt(event, operator, started, lowered);
        if (loweredShares.isEmpty()) {
            return;
        }
        Map<String, Instant> siteStarts = siteStarts(event, operator);
        for (Map.Entry<String, Instant> site : siteStarts.entrySet()) {
            Duration late = Duration.between(start, site.getValue());
            if (late.isNegative() || late.compareTo(START_AFTER) > 0) {
                narrator.fail("%s is to start %s after the event's start, outside its startafter of %s",
                        site.getKey(), Narrator.seconds(late), Narrator.seconds(START_AFTER));
            } else {
                narrator.step("%s is to start %s after the event's start (its randomized offset)", site.getKey(),
                        Narrator.seconds(late));
            }
        }
        if (!Instant.now().isBefore(start)) {
            narrator.fail("the lowered allocation of %s reached dispatch only after the event started",
                    event.eventId());
            return;
        }
        ScenarioSteps.waitUntil(start.plusSeconds(1));
        Map<String, Double> before = new LinkedHashMap<>();
        for (String site : LocalStack.SITES) {
            before.put(site, sampler.averageKw(site, start.minusSeconds(10), start));
        }
        for (Map.Entry<String, Double> share : loweredShares.get().entrySet()) {
            String site = share.getKey();
            Optional<EnergySampler.Sample> shed = awaitShed(sampler, site, before.get(site), share.getValue(), start,
                    LOWERED);
            Instant siteStart = siteStarts.getOrDefault(site, start);
            if (shed.isPresent() && shed.get().at().isBefore(siteStart.minusSeconds(1))) {
                narrator.fail("%s shed at %s, before its randomized start %s", site, shed.get().at(), siteStart);
            }
        }

        Instant raisedAt = Instant.now();
        modify(event, reductionKw);
        narrator.step("While it ran, the utility raised it to %.0f kW (a modification of an active event)",
                reductionKw);
        Instant soon = raisedAt.plus(TO_DISPATCH);
        Optional<Map<String, Double>> raisedShares = awaitAllocatedAt(event, operator, soon, reductionKw);
        if (raisedShares.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Double> share : raisedShares.get().entrySet()) {
            awaitShed(sampler, share.getKey(), before.get(share.getKey()), share.getValue(), raisedAt, "as raised");
        }
        if (!new ChangedInPlace(stack, narrator, http).run(event, operator, reductionKw)) {
            return;
        }

        Instant cancelledAt = Instant.now();
        http.post(stack.url("vtn-simulator") + "/admin/events/" + event.vtnEventId() + "/cancel", Map.of());
        narrator.step("%s before its end, the utility cancelled it",
                Narrator.seconds(Duration.between(cancelledAt, event.end())));
        if (awaitAllocatedAt(event, operator, cancelledAt.plus(TO_DISPATCH), 0).isEmpty()) {
            return;
        }
        for (String site : raisedShares.get().keySet()) {
            Optional<EnergySampler.Sample> back = ScenarioSteps.awaitSample(sampler, site, cancelledAt,
                    p -> p >= 0.95 * before.get(site), cancelledAt.plus(TO_SITES).plusSeconds(60));
            if (back.isEmpty() || !back.get().at().isBefore(event.end())) {
                narrator.fail("%s did not come back after the cancellation, before the event's own end", site);
            } else {
                narrator.step("%s came back to %.1f kW %s after the cancellation, %s before the event would have "
                        + "ended", site, back.get().powerKw(),
                        Narrator.seconds(Duration.between(cancelledAt, back.get().at())),
                        Narrator.seconds(Duration.between(back.get().at(), event.end())));
            }
        }
    }

    private void modify(Issued event, double kw) {
        http.put(stack.url("vtn-simulator") + "/admin/events/" + event.vtnEventId(), Map.of("reductionKw", kw));
    }

    /**
     * Waits until dispatch's allocation of the event asks {@code kw} of the fleet at {@code at} (within half a kW).
     *
     * @return what it asks of each site then; empty (and a failure told) when it does not within the wait
     */
    private Optional<Map<String, Double>> awaitAllocatedAt(Issued event, String operator, Instant at, double kw) {
        Optional<JsonNode> detail = http.await(
                stack.url("dispatch") + "/api/events/" + ScenarioSteps.pathOf(event.eventId()), operator,
                e -> Math.abs(total(kwAt(e, at)) - kw) <= 0.5, TO_DISPATCH);
        if (detail.isEmpty()) {
            narrator.fail("dispatch's allocation of %s did not come to %.0f kW at %s within %s", event.eventId(), kw,
                    at, Narrator.seconds(TO_DISPATCH));
            return Optional.empty();
        }
        Map<String, Double> shares = kwAt(detail.get(), at);
        narrator.step("dispatch asks %s at %s", shares.isEmpty()
                ? "nothing of any site"
                : ScenarioSteps.describe(
                        shares, "kW"),
                at);
        return Optional.of(shares);
    }

    /** What the allocation asks of each site at {@code at}: the kW of its pieces in force then. */
    private static Map<String, Double> kwAt(JsonNode detail, Instant at) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (JsonNode site : detail.path("sites")) {
            double kw = 0;
            for (JsonNode piece : site.path("pieces")) {
                Instant from = Instant.parse(piece.path("start").asText());
                Instant to = Instant.parse(piece.path("end").asText());
                if (!at.isBefore(from) && at.isBefore(to)) {
                    kw += piece.path("kw").asDouble();
                }
            }
            if (kw > 0) {
                shares.put(site.path("siteId").asText(), kw);
            }
        }
        return shares;
    }

    /** What the allocation asks of the whole fleet at {@code at}. */
    static double askedAt(JsonNode detail, Instant at) {
        return total(kwAt(detail, at));
    }

    private static double total(Map<String, Double> shares) {
        return shares.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** When each site's part of the event starts: its first piece, randomized within the event's startafter. */
    private Map<String, Instant> siteStarts(Issued event, String operator) {
        Map<String, Instant> starts = new LinkedHashMap<>();
        http.get(stack.url("dispatch") + "/api/events/" + ScenarioSteps.pathOf(event.eventId()), operator)
                .ifPresent(detail -> {
                    for (JsonNode site : detail.path("sites")) {
                        for (JsonNode piece : site.path("pieces")) {
                            if (piece.path("kw").asDouble() > 0) {
                                Instant from = Instant.parse(piece.path("start").asText());
                                starts.merge(site.path("siteId").asText(), from,
                                        (a, b) -> a.isBefore(b) ? a : b);
                            }
                        }
                    }
                });
        return starts;
    }

    private Optional<EnergySampler.Sample> awaitShed(EnergySampler sampler, String site, double beforeKw,
            double kw, Instant from, String how) {
        double target = beforeKw - 0.9 * kw;
        Optional<EnergySampler.Sample> shed = ScenarioSteps.awaitSample(sampler, site, from, p -> p <= target,
                from.plus(TO_DISPATCH).plus(TO_SITES));
        if (shed.isEmpty()) {
            narrator.fail("%s did not shed the %.0f kW the event asks %s", site, kw, how);
        } else {
            narrator.step("%s shed %s: %.1f kW -> %.1f kW, %s after %s", site, how, beforeKw,
                    shed.get().powerKw(), Narrator.seconds(Duration.between(from, shed.get().at())),
                    how.equals(LOWERED) ? "the event's start" : "the utility raised it");
        }
        return shed;
    }
}
