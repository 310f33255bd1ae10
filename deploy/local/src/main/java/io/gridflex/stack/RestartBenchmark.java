package io.gridflex.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How soon a crashed dispatch takes DR events again. Starts the local stack, then several times kills dispatch's JVM
 * outright (as a crash or an OOM kill would: no goodbye to the consumer group), starts it again, has the utility issue
 * an event as soon as it is ready, and measures from the restart until dispatch has allocated the event. Once with
 * the same instance id (static group membership: the new JVM takes the dead one's partitions as soon as it joins),
 * once with a new id each time (what a restart looks like without static membership: the dead member's partitions
 * wait for its session to time out). Prints the figures; docs/benchmarks.md records them.
 * <p>
 * {@code java -cp deploy/local/target/gridflex-local-stack.jar io.gridflex.stack.RestartBenchmark [rounds]}
 */
public final class RestartBenchmark {

    private RestartBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Narrator narrator = new Narrator(System.out);
        Path runDir = Path.of("deploy/local/target/restart-benchmark").toAbsolutePath();
        try (LocalStack stack = LocalStack.start(StackOptions.defaults(runDir).withRandomPorts(), narrator)) {
            JsonHttp http = new JsonHttp();
            String operator = stack.keycloak().userToken("olivia", stack.keycloak().demoPassword());
            String vtnId = http.await(stack.url("ven-gateway") + "/api/programs/" + FleetSetup.PROGRAM, operator,
                    r -> !r.path("venId").asText("").isEmpty(), Duration.ofSeconds(90)).orElseThrow().path("vtnId")
                    .asText();
            List<Long> statics = new ArrayList<>();
            List<Long> fresh = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                statics.add(round(stack, http, operator, vtnId, Map.of()));
                fresh.add(round(stack, http, operator, vtnId,
                        Map.of("gridflex.dispatch.instance-id", "dispatch-restart-" + round)));
            }
            System.out.printf("dispatch killed and restarted, restart -> first event allocated (ms): "
                    + "same instance id (static membership) %s; new instance id each time %s%n", statics, fresh);
        }
    }

    /** @return milliseconds from the restart until dispatch has allocated an event issued once it was ready */
    private static long round(LocalStack stack, JsonHttp http, String operator, String vtnId,
            Map<String, String> changes) {
        Instant restarted = stack.crashAndRestart("dispatch", changes);
        stack.service("dispatch").awaitReady(Duration.ofMinutes(2));
        JsonNode created = http.post(stack.url("vtn-simulator") + "/admin/events",
                Map.of("reductionKw", 10, "durationSeconds", 30));
        String eventId = vtnId + "/" + created.path("eventId").asText();
        http.await(stack.url("dispatch") + "/api/events/" + eventId, operator, e -> e.path("sites").size() > 0,
                Duration.ofMinutes(2)).orElseThrow(() -> new IllegalStateException(eventId + " never allocated"));
        long millis = Duration.between(restarted, Instant.now()).toMillis();
        System.out.printf("restart with %s: event allocated %d ms after the restart%n",
                changes.isEmpty() ? "the same instance id" : changes, millis);
        // Let the event end before the next round so every round starts from the same fleet.
        JsonHttp.sleep(Duration.ofSeconds(35));
        return millis;
    }
}
