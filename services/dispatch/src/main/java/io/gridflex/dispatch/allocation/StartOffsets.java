package io.gridflex.dispatch.allocation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * Start randomization: when an event allows it, each site starts up to {@code startAfterSeconds} late, so the fleet
 * does not drop in one step. The offset is drawn from a hash of the event and site rather than a random source, so
 * re-allocating the same event (a restart, a duplicate message) gives every site the same start again.
 */
public final class StartOffsets {

    private StartOffsets() {
    }

    public static Duration offset(String eventId, String siteId, long startAfterSeconds) {
        if (startAfterSeconds <= 0) {
            return Duration.ZERO;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((eventId + "\n" + siteId).getBytes(StandardCharsets.UTF_8));
            long draw = ByteBuffer.wrap(digest).getLong();
            return Duration.ofSeconds(Math.floorMod(draw, startAfterSeconds + 1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
