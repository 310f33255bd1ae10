package io.gridflex.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.stack.ScenarioSteps.Issued;

/**
 * Two overlapping DR events through the whole platform, narrated step by step. The utility (VTN simulator) issues a
 * LOAD_DISPATCH event; ven-gateway polls it and opts in; dispatch allocates it in merit order and sends each site its
 * schedule; the agents shed. While it runs the utility announces a second event that starts before the first ends:
 * dispatch adds it to the sites' schedules without disturbing what they are doing, within what each can shed. When
 * both end the sites restore in stages, and settlement states each event's share of the delivered energy, which is
 * compared with what the miners' own counters say, shared by the same kW. Then a third event runs while the sites'
 * link to the platform is down throughout ({@link OfflineEvent}), and a fourth is lowered before it starts, raised
 * while it runs and cancelled long before its end ({@link ChangedEvent}); last, a SIMPLE event, a level without kW,
 * is carried out at its time ({@link SimpleEvent}).
 */
public final class DemoScenario {

    /** Settlement and the miners' counters may differ by metering granularity, not by more. */
    public static final double AGREEMENT_TOLERANCE = ScenarioSteps.AGREEMENT_TOLERANCE;
    /** The second event asks for this share of the first's reduction. */
    static final double SECOND_EVENT_SHARE = 0.6;

    private final LocalStack stack;
    private final Narrator narrator;
    private final JsonHttp http = new JsonHttp();
    private final ScenarioSteps steps;

    public DemoScenario(LocalStack stack, Narrator narrator) {
        this.stack = stack;
        this.narrator = narrator;
        this.steps = new ScenarioSteps(stack, narrator, http);
    }

    public DemoReport run(double reductionKw, Duration duration) {
        StackOptions options = stack.options();
        Map<String, Duration> shedLatency = new LinkedHashMap<>();
        List<DemoReport.EventFigures> figures = new ArrayList<>();
        Duration optIn = null;
        try (EnergySampler sampler = new EnergySampler(http, stack.url("miner-simulator"), LocalStack.SITES)) {
            String operator = stack.keycloak().userToken("olivia", stack.keycloak().demoPassword());
            JsonNode registration = http
                    .await(stack.url("ven-gateway") + "/api/programs/" + FleetSetup.PROGRAM, operator,
                            r -> !r.path("venId").asText("").isEmpty(), Duration.ofSeconds(90))
                    .orElse(null);
            if (registration == null) {
                narrator.fail("ven-gateway did not register with the VTN within 90 s");
                return new DemoReport(figures, null, shedLatency, narrator.failures());
            }
            String vtnId = registration.path("vtnId").asText();
            narrator.step("ven-gateway registered with VTN %s as VEN %s", vtnId, registration.path("venId").asText());
            new VtnReportsStep(stack, narrator, http).run(operator, registration.path("venId").asText());
            steps.secureProgram(operator, SecureVtn.PULL_PROGRAM, "vtn-simulator-secure",
                    "polled over mutual TLS, every payload signed");
            steps.secureProgram(operator, SecureVtn.PUSH_PROGRAM, "vtn-simulator-push",
                    "pushing to the gateway's listener, mutual TLS both ways");

            Instant baselineFrom = stack.sitesReadyAt().plus(options.telemetryInterval().multipliedBy(2));
            narrator.info("Collecting a %s meter-before baseline while the sites mine normally...",
                    Narrator.seconds(options.baselineWindow()));
            ScenarioSteps.waitUntil(baselineFrom.plus(options.baselineWindow()));
            for (String site : LocalStack.SITES) {
                sampler.read(site).ifPresent(s -> narrator.info("%s draws %.1f kW", site, s.powerKw()));
            }

            Instant issued = Instant.now();
            Issued first = steps.issue(vtnId, reductionKw, null, duration);
            narrator.step("The utility issued event %s: reduce %.0f kW from %s for %s", first.vtnEventId(),
                    reductionKw, first.start(), Narrator.seconds(duration));
            optIn = steps.awaitOptIn(first, issued);
            Map<String, Double> firstShares = steps.awaitAllocation(first, operator, reductionKw);
            for (String site : firstShares.keySet()) {
                Optional<Duration> latency = steps.awaitDrop(sampler, site, first.start(), firstShares.get(site),
                        first.end(), issued);
                latency.ifPresent(l -> shedLatency.put(site, l));
            }

            Instant secondStart = first.start().plus(duration.dividedBy(3));
            Issued second = steps.issue(vtnId, reductionKw * SECOND_EVENT_SHARE, secondStart, duration);
            narrator.step("While it runs, the utility announced event %s: %.0f kW more from %s, before the first "
                    + "ends", second.vtnEventId(), reductionKw * SECOND_EVENT_SHARE, secondStart);
            Map<String, Double> secondShares = steps.awaitAllocation(second, operator,
                    reductionKw * SECOND_EVENT_SHARE);
            narrator.info("Each site now holds one schedule carrying both events; no site is asked for more than it "
                    + "can shed, and what runs now was left as it was.");

            Instant lastEnd = second.end();
            narrator.info("Holding both reductions until %s...", lastEnd);
            ScenarioSteps.waitUntil(lastEnd);
            for (String site : LocalStack.SITES) {
                steps.awaitRestore(sampler, site, first.start().minus(options.baselineWindow()), first.start(),
                        lastEnd);
            }

            Map<String, Map<String, Double>> truth = TrueDelivery.of(sampler, options.baselineWindow(),
                    steps.pieces(operator, List.of(first.eventId(), second.eventId())));
            String billing = stack.keycloak().userToken("bill", stack.keycloak().demoPassword());
            ScenarioSteps.waitUntil(lastEnd.plus(options.telemetryInterval().multipliedBy(3)));
            figures.add(steps.settle(first, reductionKw, firstShares, truth, billing, ScenarioSteps.SETTLE_WAIT));
            figures.add(steps.settle(second, reductionKw * SECOND_EVENT_SHARE, secondShares, truth, billing,
                    ScenarioSteps.SETTLE_WAIT));

            figures.add(new OfflineEvent(stack, narrator, steps, http).run(sampler, vtnId, reductionKw, duration));
            new ChangedEvent(stack, narrator, steps, http).run(sampler, vtnId, reductionKw);
            new SimpleEvent(stack, narrator, steps).run(sampler, vtnId);
        } catch (RuntimeException e) {
            narrator.fail("demo stopped: %s", e.getMessage());
        }
        return new DemoReport(figures, optIn, shedLatency, narrator.failures());
    }
}
