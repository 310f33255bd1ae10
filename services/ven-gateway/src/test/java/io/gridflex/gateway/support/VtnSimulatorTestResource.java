package io.gridflex.gateway.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the gateway at the real VTN simulator (one per test JVM). */
public class VtnSimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("gridflex.gateway.programs.default.vtn.url", VtnSimulator.shared().baseUrl());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM exits.
    }
}
