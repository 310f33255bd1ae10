package io.gridflex.siteagent.miner.discovery;

import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.MinerEndpoint;

/** A miner a probe found: the firmware whose driver identified it, at the endpoint where it answered. */
public record Detected(Firmware firmware, MinerEndpoint endpoint) {
}
