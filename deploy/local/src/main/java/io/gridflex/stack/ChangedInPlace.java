package io.gridflex.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.stack.ScenarioSteps.Issued;

/**
 * A VTN that breaks the rule: it changes a running event's content without a new modificationNumber. The gateway
 * holds the revision it has, answers as before, logs and counts the change, and nothing past it moves: dispatch asks
 * the sites what it asked before.
 */
final class ChangedInPlace {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String COUNTER = "gridflex_gateway_events_changed_without_new_number_total";

    private final LocalStack stack;
    private final Narrator narrator;
    private final JsonHttp http;

    ChangedInPlace(LocalStack stack, Narrator narrator, JsonHttp http) {
        this.stack = stack;
        this.narrator = narrator;
        this.http = http;
    }

    /** @param heldKw what dispatch asks of the fleet now, and must still ask after the change */
    boolean run(Issued event, String operator, double heldKw) {
        String gatewayEvent = stack.url("ven-gateway") + "/api/events/" + ScenarioSteps.pathOf(event.eventId());
        Optional<JsonNode> held = http.get(gatewayEvent, operator);
        double countedBefore = counted();
        String vtnEvent = stack.url("vtn-simulator") + "/admin/events/" + event.vtnEventId();
        JsonNode changed = http.put(vtnEvent, Map.of("reductionKw", heldKw / 4, "keepModificationNumber", true));
        Instant changedAt = Instant.parse(changed.path("modifiedAt").asText());
        narrator.step("The utility's VTN then changed it to %.0f kW in place, keeping modificationNumber %d (which"
                + " OpenADR forbids)", heldKw / 4, changed.path("modificationNumber").asLong());
        Optional<JsonNode> answered = http.await(vtnEvent, null, e -> {
            for (JsonNode ven : e.path("vens")) {
                String modifiedAt = ven.path("distributedModifiedAt").asText(null);
                String respondedAt = ven.path("respondedAt").asText(null);
                if (modifiedAt != null && Instant.parse(modifiedAt).equals(changedAt) && respondedAt != null
                        && !Instant.parse(respondedAt).isBefore(changedAt)) {
                    return true;
                }
            }
            return false;
        }, WAIT);
        if (answered.isEmpty() || held.isEmpty()) {
            narrator.fail("ven-gateway did not receive and answer the content changed in place within %s",
                    Narrator.seconds(WAIT));
            return false;
        }
        JsonNode after = http.get(gatewayEvent, operator).orElseThrow();
        double countedAfter = counted();
        if (after.path("modificationNumber").asLong() != held.get().path("modificationNumber").asLong()
                || after.path("peakValue").decimalValue().compareTo(held.get().path("peakValue").decimalValue()) != 0
                || countedAfter <= countedBefore) {
            narrator.fail("ven-gateway did not hold its revision of %s against content changed in place (held %s,"
                    + " now %s, counted %.0f → %.0f)", event.eventId(), held.get(), after, countedBefore,
                    countedAfter);
            return false;
        }
        Optional<JsonNode> detail = http.get(
                stack.url("dispatch") + "/api/events/" + ScenarioSteps.pathOf(event.eventId()), operator);
        double asked = detail.map(d -> ChangedEvent.askedAt(d, Instant.now())).orElse(-1.0);
        if (Math.abs(asked - heldKw) > 0.5) {
            narrator.fail("dispatch asks %.1f kW after content changed in place, not the %.0f kW it held", asked,
                    heldKw);
            return false;
        }
        narrator.step("ven-gateway answered it as before, kept modification %d (%s), logged and counted the change;"
                + " dispatch still asks %.0f kW", after.path("modificationNumber").asLong(),
                after.path("peakValue").asText(), asked);
        return true;
    }

    /** The gateway's count of content changed under an unchanged modificationNumber, from its metrics. */
    private double counted() {
        return http.text(stack.url("ven-gateway") + "/q/metrics").stream().flatMap(String::lines)
                .filter(line -> line.startsWith(COUNTER)).mapToDouble(line -> Double.parseDouble(
                        line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
