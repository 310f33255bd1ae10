package io.gridflex.dispatch.it;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link NoClosedLoop}, and outbox relays whose periodic rounds never come during a test (one at start, then hourly):
 * a schedule reaches Kafka only if the transaction that issued it handed it to the relay.
 */
public class RelayOnlyWhenHanded extends NoClosedLoop {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("gridflex.dispatch.relay.interval", "1h");
        return overrides;
    }
}
