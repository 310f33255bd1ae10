package io.gridflex.siteagent.miner;

import java.time.Clock;
import java.time.Duration;

/**
 * What every driver is built with.
 *
 * @param timeout connect and read timeout of one round trip
 * @param clock the agent's clock, for reading times and token expiry
 * @param credentials the miners' API credentials
 */
public record DriverSettings(Duration timeout, Clock clock, MinerCredentials credentials) {

    /** The timeout in whole milliseconds, at least 1, as socket APIs take it. */
    public int timeoutMillis() {
        return Math.toIntExact(Math.max(1, timeout.toMillis()));
    }
}
