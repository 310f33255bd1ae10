package io.gridflex.siteagent.miner.discovery;

import java.util.Optional;

import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.MinerEndpoint;

/**
 * A miner a probe found: the firmware whose driver identified it, at the endpoint where it answered, and the unit's
 * hardware identity where its firmware reports one.
 */
public record Detected(Firmware firmware, MinerEndpoint endpoint, Optional<String> hardwareId) {

    /** A miner whose hardware identity is not known. */
    public Detected(Firmware firmware, MinerEndpoint endpoint) {
        this(firmware, endpoint, Optional.empty());
    }
}
