package io.gridflex.dispatch.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Dispatch without the closed loop's rounds, for tests about allocation itself: no agent answers in them, so the loop
 * would find every active site short and move load around while the test looks. Site links are reconciled every
 * second, so a test can watch reconciliation mend one.
 */
public class NoClosedLoop implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gridflex.dispatch.loop.interval", "1h", "gridflex.site-link.reconcile-interval", "1s");
    }
}
