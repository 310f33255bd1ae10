package io.gridflex.stack;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.infra.WanLink;
import io.gridflex.stack.ScenarioSteps.Issued;

/**
 * An event the sites run while their link to the platform is down throughout: the link goes down once every allocated
 * site has accepted its schedule, and comes back only once the event is over and the sites have restored. Meanwhile
 * each agent executes the schedule it holds and keeps its acknowledgements and metered intervals on disk; once the
 * link is back it replays them in order, and settlement's figures for the event, shared by the schedule each site
 * held, match the miners' own counters as if nothing had happened. (Dispatch, hearing nothing, moves the sites' shares
 * elsewhere meanwhile; the revisions saying so reach the sites, and govern them, only after the event.)
 */
final class OfflineEvent {

    /** The replay of a whole event's intervals, then settlement's figures, once the link is back. */
    private static final Duration SETTLE_AFTER_REPLAY = Duration.ofSeconds(60);

    private final LocalStack stack;
    private final Narrator narrator;
    private final ScenarioSteps steps;
    private final JsonHttp http;

    OfflineEvent(LocalStack stack, Narrator narrator, ScenarioSteps steps, JsonHttp http) {
        this.stack = stack;
        this.narrator = narrator;
        this.steps = steps;
        this.http = http;
    }

    DemoReport.EventFigures run(EnergySampler sampler, String vtnId, double reductionKw, Duration duration) {
        Duration baseline = stack.options().baselineWindow();
        String operator = stack.keycloak().userToken("olivia", stack.keycloak().demoPassword());
        // The sites have restored: the event starts once a whole meter-before window of normal mining has passed.
        Instant issued = Instant.now();
        Issued event = steps.issue(vtnId, reductionKw,
                issued.plus(baseline).plusSeconds(5).truncatedTo(ChronoUnit.SECONDS), duration);
        narrator.step("The utility issued event %s: reduce %.0f kW from %s for %s", event.vtnEventId(), reductionKw,
                event.start(), Narrator.seconds(duration));
        Map<String, Double> shares = steps.awaitAllocation(event, operator, reductionKw);
        awaitAccepted(event, operator, shares.keySet());
        // What each site accepted is what it holds until its link is back: nothing can change it meanwhile.
        List<TrueDelivery.Piece> held = steps.pieces(operator, List.of(event.eventId()));

        WanLink link = stack.sitesLink();
        link.cut();
        narrator.step("The sites' link to the platform went down before the event started: until it is over and "
                + "the sites have restored, nothing they send reaches Kafka and nothing reaches them");
        Map<String, Map<String, Double>> truth;
        String billing;
        try {
            ScenarioSteps.waitUntil(event.start().plusSeconds(1));
            for (String site : shares.keySet()) {
                steps.awaitDrop(sampler, site, event.start(), shares.get(site), event.end(), issued);
            }
            ScenarioSteps.waitUntil(event.end());
            for (String site : shares.keySet()) {
                steps.awaitRestore(sampler, site, event.start().minus(baseline), event.start(), event.end());
            }
            describeCover(event, steps.pieces(operator, List.of(event.eventId())));
            truth = TrueDelivery.of(sampler, baseline, held);
            billing = stack.keycloak().userToken("bill", stack.keycloak().demoPassword());
            if (steps.deliveryComplete(event, billing, shares.size())) {
                narrator.fail("settlement stated %s's figures while the sites were offline: the link was not down",
                        event.vtnEventId());
            } else {
                narrator.info("Settlement has not heard from the sites since the link went down: its figures for %s "
                        + "are incomplete", event.vtnEventId());
            }
        } finally {
            link.restore();
        }
        narrator.step("The link is back: each agent replays, in order, what it kept on disk while offline");
        awaitReplayed(shares.keySet());
        return steps.settle(event, reductionKw, shares, truth, billing, SETTLE_AFTER_REPLAY);
    }

    /**
     * What dispatch counted on each site once it heard nothing from it: its closed loop takes a site silent for longer
     * than {@code gridflex.dispatch.loop.silent-after} as delivering nothing and moves its share to sites with
     * headroom, while the agent, which cannot hear that change, keeps the schedule it holds to its end.
     */
    private void describeCover(Issued event, List<TrueDelivery.Piece> pieces) {
        Map<String, Instant> countedUntil = new TreeMap<>();
        pieces.forEach(p -> countedUntil.merge(p.site(), p.end(), (a, b) -> a.isAfter(b) ? a : b));
        countedUntil.forEach((site, until) -> {
            if (until.isBefore(event.end())) {
                narrator.info("Hearing nothing from %s, dispatch's closed loop stopped counting on it at %s (%s "
                        + "before the event's end) and moved its share to sites with headroom. Its agent could not "
                        + "hear that: it kept shedding to the end of the schedule it held, and settlement credits it "
                        + "for that schedule (a revision governs a site from when the site accepted it)",
                        site, until, Narrator.seconds(Duration.between(until, event.end())));
            }
        });
    }

    /** Waits until every site's agent has sent all it kept on disk (its link journal is empty). */
    private void awaitReplayed(Set<String> sites) {
        Instant deadline = Instant.now().plus(SETTLE_AFTER_REPLAY);
        for (String site : sites) {
            Instant started = Instant.now();
            while (!journalEmpty(site)) {
                if (Instant.now().isAfter(deadline)) {
                    narrator.fail("%s's agent had not replayed its link journal %s after the link came back", site,
                            Narrator.seconds(SETTLE_AFTER_REPLAY));
                    return;
                }
                JsonHttp.sleep(Duration.ofMillis(200));
            }
            narrator.info("%s's agent has sent everything it kept (%s after asking)", site,
                    Narrator.seconds(Duration.between(started, Instant.now())));
        }
    }

    private boolean journalEmpty(String site) {
        return http.text(stack.url("site-agent-" + site) + "/q/metrics")
                .flatMap(metrics -> metrics.lines().filter(l -> l.startsWith("gridflex_site_link_buffered_records"))
                        .findFirst())
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) == 0)
                .orElse(false);
    }

    /**
     * Waits until every site has accepted the schedule serving the event, as dispatch heard it: the event is then
     * NOTIFIED (ACTIVE once it started).
     */
    private void awaitAccepted(Issued event, String operator, Set<String> sites) {
        Optional<JsonNode> detail = http.await(
                stack.url("dispatch") + "/api/events/" + ScenarioSteps.pathOf(event.eventId()), operator,
                e -> List.of("NOTIFIED", "ACTIVE").contains(e.path("event").path("state").asText()),
                Duration.ofSeconds(30));
        if (detail.isEmpty()) {
            narrator.fail("not every site accepted its schedule for %s within 30 s", event.vtnEventId());
        } else {
            narrator.step("Sites %s accepted their schedules for %s", sites, event.vtnEventId());
        }
    }
}
