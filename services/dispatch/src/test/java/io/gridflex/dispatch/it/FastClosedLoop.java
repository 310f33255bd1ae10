package io.gridflex.dispatch.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The closed loop at test speed: rounds every half second, two seconds' grace, silent after four. */
public class FastClosedLoop implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gridflex.dispatch.loop.interval", "500ms", "gridflex.dispatch.loop.grace", "2s",
                "gridflex.dispatch.loop.silent-after", "4s", "gridflex.dispatch.loop.retry-shortfall-every", "5s");
    }
}
