package io.gridflex.siteagent.miner;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What every driver is built with.
 *
 * @param timeout connect and read timeout of one round trip
 * @param clock the agent's clock, for reading times and token expiry
 * @param credentials the miners' API credentials
 * @param stateFile the agent's state file, beside which a driver keeps what it must remember across restarts; empty:
 *        it remembers nothing
 */
public record DriverSettings(Duration timeout, Clock clock, MinerCredentials credentials, Optional<Path> stateFile) {

    /** Settings of drivers that keep nothing across restarts. */
    public DriverSettings(Duration timeout, Clock clock, MinerCredentials credentials) {
        this(timeout, clock, credentials, Optional.empty());
    }

    /** A file of a driver's own beside the agent's state file: {@code <state file><suffix>}. */
    public Optional<Path> besideState(String suffix) {
        return stateFile.map(f -> f.toAbsolutePath().resolveSibling(f.getFileName() + suffix));
    }

    /** The timeout in whole milliseconds, at least 1, as socket APIs take it. */
    public int timeoutMillis() {
        return Math.toIntExact(Math.max(1, timeout.toMillis()));
    }
}
