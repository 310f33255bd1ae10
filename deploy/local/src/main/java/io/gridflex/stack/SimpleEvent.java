package io.gridflex.stack;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridflex.stack.ScenarioSteps.Issued;

/**
 * An OpenADR SIMPLE event, the signal most utilities send: a level (here 2 of 3) and no kW. The program's level shares
 * turn it into kW (level 2: half of the sites' enrolled capacity), and the miners' own draw shows it carried out at
 * its time: nothing shed before its start, the shed held until its end, and the load back after it.
 */
final class SimpleEvent {

    static final int LEVEL = 2;
    /** The program's share of the enrolled capacity at {@link #LEVEL}. */
    static final double LEVEL_SHARE = FleetSetup.LEVEL_SHARES.get(LEVEL - 1);
    private static final Duration LEAD = Duration.ofSeconds(20);
    private static final Duration LENGTH = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final Narrator narrator;
    private final ScenarioSteps steps;

    SimpleEvent(LocalStack stack, Narrator narrator, ScenarioSteps steps) {
        this.stack = stack;
        this.narrator = narrator;
        this.steps = steps;
    }

    void run(EnergySampler sampler, String vtnId) {
        String operator = stack.keycloak().userToken("olivia", stack.keycloak().demoPassword());
        Instant issued = Instant.now();
        Instant start = issued.plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
        Issued event = steps.issueLevel(vtnId, LEVEL, start, LENGTH);
        double expectedKw = LEVEL_SHARE * FleetSetup.ENROLLED_KW * LocalStack.SITES.size();
        narrator.step("The utility issued SIMPLE event %s: level %d from %s for %s, no kW named", event.vtnEventId(),
                LEVEL, event.start(), Narrator.seconds(LENGTH));
        Map<String, Double> shares = steps.awaitAllocation(event, operator, expectedKw);
        double allocated = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(allocated - expectedKw) > 0.5) {
            narrator.fail("dispatch allocated %.1f kW for level %d, not %.0f kW (%.0f %% of the %s sites' enrolled"
                    + " capacity)", allocated, LEVEL, expectedKw, 100 * LEVEL_SHARE, LocalStack.SITES.size());
            return;
        }
        if (!Instant.now().isBefore(start)) {
            narrator.fail("the allocation of SIMPLE event %s reached dispatch only after the event started",
                    event.eventId());
            return;
        }
        // The sampler interpolates between readings: one after the start must be in.
        ScenarioSteps.waitUntil(start.plusSeconds(2));
        Map<String, Double> before = new LinkedHashMap<>();
        for (String site : shares.keySet()) {
            // Still mining in full up to the start: nothing is shed early.
            before.put(site, sampler.averageKw(site, start.minusSeconds(10), start));
        }
        for (Map.Entry<String, Double> share : shares.entrySet()) {
            steps.awaitDrop(sampler, share.getKey(), start, share.getValue(), event.end(), issued);
        }
        ScenarioSteps.waitUntil(event.end());
        for (Map.Entry<String, Double> share : shares.entrySet()) {
            String site = share.getKey();
            double held = sampler.averageKw(site, event.end().minusSeconds(8), event.end().minusSeconds(2));
            if (held > before.get(site) - 0.8 * share.getValue()) {
                narrator.fail("%s drew %.1f kW in the last seconds of SIMPLE event %s: its %.0f kW shed was not held"
                        + " to the end (%.1f kW before it)", site, held, event.eventId(), share.getValue(),
                        before.get(site));
            } else {
                narrator.step("%s held its shed to the end of the SIMPLE event (%.1f kW, %.1f kW before it)", site,
                        held, before.get(site));
            }
            steps.awaitRestore(sampler, site, start.minusSeconds(10), start, event.end());
        }
        List<String> untouched = LocalStack.SITES.stream().filter(site -> !shares.containsKey(site)).toList();
        if (!untouched.isEmpty()) {
            narrator.info("Not asked to shed for it (merit order): %s", untouched);
        }
    }
}
