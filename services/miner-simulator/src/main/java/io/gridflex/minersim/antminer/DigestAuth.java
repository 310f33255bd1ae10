package io.gridflex.minersim.antminer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP digest authentication (RFC 7616 with MD5, {@code qop=auth} or none) as the Antminer web server does it.
 * Nonces are stateless: the hash of a per-miner secret and the minute they were issued; a nonce from the current or
 * the previous minute is accepted, an older one gets a new challenge with {@code stale=true}.
 */
final class DigestAuth {

    static final String REALM = "antMiner Configuration";
    private static final long NONCE_MINUTE_SECONDS = 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final String password;
    private final InstantSource clock;
    private final String secret;

    DigestAuth(String user, String password, InstantSource clock) {
        this.user = user;
        this.password = password;
        this.clock = clock;
        this.secret = Long.toHexString(RANDOM.nextLong());
    }

    enum Outcome {
        OK, CHALLENGE, STALE
    }

    /** The {@code WWW-Authenticate} header of a challenge. */
    String challenge(boolean stale) {
        return "Digest realm=\"" + REALM + "\", nonce=\"" + nonce(minute()) + "\", qop=\"auth\""
                + (stale ? ", stale=true" : "");
    }

    Outcome check(String method, String authorization, boolean refuse) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Outcome.CHALLENGE;
        }
        Map<String, String> p = parse(authorization.substring(7));
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        if (nonce == null || uri == null || response == null || !user.equals(p.get("username"))
                || !REALM.equals(p.get("realm"))) {
            return Outcome.CHALLENGE;
        }
        long minute = minute();
        boolean fresh = nonce.equals(nonce(minute)) || nonce.equals(nonce(minute - 1));
        String ha1 = md5(user + ":" + REALM + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String qop = p.get("qop");
        String expected = qop == null
                ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + qop + ":" + ha2);
        if (refuse || !expected.equalsIgnoreCase(response)) {
            return Outcome.CHALLENGE;
        }
        return fresh ? Outcome.OK : Outcome.STALE;
    }

    private long minute() {
        return clock.instant().getEpochSecond() / NONCE_MINUTE_SECONDS;
    }

    private String nonce(long minute) {
        return md5(secret + ":" + minute);
    }

    static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no MD5", e);
        }
    }

    /** The comma-separated {@code key=value} or {@code key="value"} pairs of a digest header. */
    static Map<String, String> parse(String params) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = params.length();
        while (i < n) {
            while (i < n && (params.charAt(i) == ',' || Character.isWhitespace(params.charAt(i)))) {
                i++;
            }
            int eq = params.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = params.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && params.charAt(i) == '"') {
                int end = params.indexOf('"', i + 1);
                if (end < 0) {
                    break;
                }
                value = params.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = params.indexOf(',', i);
                end = end < 0 ? n : end;
                value = params.substring(i, end).trim();
                i = end;
            }
            out.put(key, value);
        }
        return out;
    }
}
