package io.gridflex.siteagent.miner.braiins;

import java.time.Duration;
import java.time.Instant;

/**
 * A login token of one Braiins OS miner and when to stop using it: a little before the miner expires it, so that a
 * shed never starts with a token that dies on the way.
 *
 * @param value the token, sent as the raw {@code Authorization} header; never logged ({@link #toString()} hides it)
 * @param renewAt when to log in again
 */
record BraiinsToken(String value, Instant renewAt) {

    /** The share of the token's lifetime after which it is renewed. */
    static final double RENEW_AT_SHARE = 0.9;

    static BraiinsToken issued(String value, Instant now, long timeoutSeconds) {
        Duration lifetime = Duration.ofSeconds(Math.max(0, timeoutSeconds));
        return new BraiinsToken(value, now.plusMillis((long) (lifetime.toMillis() * RENEW_AT_SHARE)));
    }

    boolean fresh(Instant now) {
        return now.isBefore(renewAt);
    }

    @Override
    public String toString() {
        return "BraiinsToken[value=***, renewAt=" + renewAt + "]";
    }
}
