package io.gridflex.siteagent.miner.whatsminer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The per-command token of Whatsminer API v3: the first 8 characters of base64(sha256(cmd + password + salt + ts)),
 * where {@code salt} is the miner's (from {@code get.device.info}) and {@code ts} the request's {@code ts} in epoch
 * seconds, written in decimal.
 */
final class WhatsminerToken {

    static final int LENGTH = 8;

    private WhatsminerToken() {
    }

    static String of(String command, String password, String salt, long ts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((command + password + salt + ts).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
