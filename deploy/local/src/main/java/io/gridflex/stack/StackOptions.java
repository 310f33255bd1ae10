package io.gridflex.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to run the local stack.
 *
 * @param runDir where data and logs go ({@code logs/} holds one file per process)
 * @param randomPorts any free ports (tests) instead of the documented fixed ones (people)
 * @param minersPerSite simulated miners at each of the two sites
 * @param maxImportKw each site's import limit
 * @param baselineWindow settlement's meter-before window
 * @param telemetryInterval how often site agents report metered power
 * @param pollInterval how often the VTN asks ven-gateway to poll
 * @param gatewayPrograms a properties file of more ven-gateway programs ({@code gridflex.gateway.programs.<id>.*}),
 *        served beside the stack's own program on its VTN simulator; from {@code GRIDFLEX_GATEWAY_PROGRAMS}
 */
public record StackOptions(
        Path runDir,
        boolean randomPorts,
        int minersPerSite,
        double maxImportKw,
        Duration baselineWindow,
        Duration telemetryInterval,
        Duration pollInterval,
        Optional<Path> gatewayPrograms) {

    public static StackOptions defaults(Path runDir) {
        return new StackOptions(runDir, false, 40, 150, Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Optional.ofNullable(System.getenv("GRIDFLEX_GATEWAY_PROGRAMS"))
                        .filter(file -> !file.isBlank()).map(file -> Path.of(file).toAbsolutePath()));
    }

    public StackOptions withRandomPorts() {
        return new StackOptions(runDir, true, minersPerSite, maxImportKw, baselineWindow, telemetryInterval,
                pollInterval, gatewayPrograms);
    }

    /** The same with settlement's meter-before window set to {@code window} (a shorter test run). */
    public StackOptions withBaselineWindow(Duration window) {
        return new StackOptions(runDir, randomPorts, minersPerSite, maxImportKw, window, telemetryInterval,
                pollInterval, gatewayPrograms);
    }

    public Path logs() {
        return runDir.resolve("logs");
    }
}
