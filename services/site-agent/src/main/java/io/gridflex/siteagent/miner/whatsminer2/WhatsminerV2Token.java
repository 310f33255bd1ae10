package io.gridflex.siteagent.miner.whatsminer2;

import java.time.Duration;
import java.time.Instant;

/**
 * One {@code get_token} answer of a Whatsminer API v2 miner, and when it arrived. The miner honours it for about
 * {@link #VALID_FOR}; the driver stops using it well before.
 *
 * @param time the answer's {@code Msg.time}
 * @param salt {@code Msg.salt}, the salt of the miner's admin password
 * @param newsalt {@code Msg.newsalt}, this token's own salt
 * @param fetchedAt when the answer arrived, on the agent's clock
 */
record WhatsminerV2Token(String time, String salt, String newsalt, Instant fetchedAt) {

    /** How long a miner honours a token. */
    static final Duration VALID_FOR = Duration.ofMinutes(30);
    /** A token older than this is fetched again before a command: the miner's clock and ours may differ a little. */
    static final Duration USE_FOR = Duration.ofMinutes(25);
    /** {@code prepare} fetches a new token once the held one is this old, so that it lasts through the shed ahead. */
    static final Duration RENEW_AHEAD_AFTER = Duration.ofMinutes(15);

    /** Whether a command may still be sent with it. */
    boolean usableAt(Instant now) {
        return now.isBefore(fetchedAt.plus(USE_FOR));
    }

    /** Whether it still has a good while to live: {@code prepare} leaves such a token alone. */
    boolean freshAt(Instant now) {
        return now.isBefore(fetchedAt.plus(RENEW_AHEAD_AFTER));
    }
}
