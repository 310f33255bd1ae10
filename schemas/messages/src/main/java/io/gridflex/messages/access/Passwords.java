package io.gridflex.messages.access;

import java.security.SecureRandom;
import java.util.Base64;

/** Secrets made up on the spot (passwords, client secrets): 192 random bits, URL-safe Base64 without padding. */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
