package io.gridflex.settlement.api;

import io.gridflex.support.web.ApiException;

/**
 * Ids from request paths: at most 256 characters (the width of every id column) and no control characters. A NUL
 * byte or an over-long id is refused here with a 400 instead of reaching PostgreSQL, which would fail on it.
 */
public final class Ids {

    public static final int MAX_LENGTH = 256;

    private Ids() {
    }

    /** {@code id} unchanged when acceptable; otherwise a 400 naming {@code what}. */
    public static String check(String what, String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest("invalid-id", "the " + what + " id is empty");
        }
        if (id.length() > MAX_LENGTH) {
            throw ApiException.badRequest("invalid-id",
                    "the " + what + " id is longer than " + MAX_LENGTH + " characters");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("invalid-id", "the " + what + " id contains a control character");
        }
        return id;
    }
}
