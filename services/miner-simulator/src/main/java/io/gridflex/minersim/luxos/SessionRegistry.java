package io.gridflex.minersim.luxos;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The miner's single configuration session: at most one exists, it expires after a minute without use and every use
 * refreshes it. Sessions only coordinate writers that behave; they are not a security feature.
 */
final class SessionRegistry {

    static final Duration SESSION_TTL = Duration.ofMinutes(1);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 8;

    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private String activeId;
    private Instant expiresAt;

    SessionRegistry(InstantSource clock) {
        this.clock = clock;
    }

    /** A new session, or empty when another one is still active. */
    synchronized Optional<String> logon() {
        if (active().isPresent()) {
            return Optional.empty();
        }
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        activeId = id.toString();
        expiresAt = clock.instant().plus(SESSION_TTL);
        return Optional.of(activeId);
    }

    /** The active session's id, if any. */
    synchronized Optional<String> active() {
        if (activeId != null && clock.instant().isBefore(expiresAt)) {
            return Optional.of(activeId);
        }
        activeId = null;
        return Optional.empty();
    }

    /** Whether {@code id} is the active session; using it refreshes its expiry. */
    synchronized boolean use(String id) {
        if (active().filter(id::equals).isEmpty()) {
            return false;
        }
        expiresAt = clock.instant().plus(SESSION_TTL);
        return true;
    }

    /** Ends the session {@code id}; false when it is not the active one. */
    synchronized boolean logoff(String id) {
        if (active().filter(id::equals).isEmpty()) {
            return false;
        }
        activeId = null;
        return true;
    }
}
