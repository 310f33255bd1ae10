package io.gridflex.settlement.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.gridflex.support.web.ApiException;

/**
 * Protection of the pages' forms against requests forged by other sites: each browser holds a random token in a
 * cookie that other sites can neither read nor send ({@code HttpOnly}, {@code SameSite=Strict}), every form carries
 * the same token in a hidden field, and a form whose field does not match the cookie, or that comes from another
 * origin, is refused (403) before anything changes.
 */
@ApplicationScoped
public class Csrf {

    public static final String COOKIE = "gridflex-csrf";
    public static final String FIELD = "csrf";

    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The browser's token, or a new one when it has none (or a malformed one). */
    public String token(String cookie) {
        if (cookie != null && cookie.matches("[A-Za-z0-9_-]{43}")) {
            return cookie;
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The cookie holding {@code token}, for the pages only. */
    public NewCookie cookie(String token, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(token).path("/ui").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** Refuses a form whose token does not match the browser's cookie, or that another origin sent. */
    public void check(String field, String cookie, HttpHeaders headers, String ownOrigin) {
        String origin = headers.getHeaderString("Origin");
        if (origin != null && !"null".equals(origin) && !origin.equals(ownOrigin)) {
            throw new ApiException(Response.Status.FORBIDDEN, "cross-site-form",
                    "a form sent from " + origin + " is not accepted here");
        }
        if (field == null || cookie == null || !MessageDigest.isEqual(field.getBytes(StandardCharsets.UTF_8),
                cookie.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(Response.Status.FORBIDDEN, "form-expired",
                    "the form's security token is missing or stale: reload the page and try again");
        }
    }
}
