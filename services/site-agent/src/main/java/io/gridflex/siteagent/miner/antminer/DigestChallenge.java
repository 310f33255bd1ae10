package io.gridflex.siteagent.miner.antminer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate: Digest ...} challenge (RFC 7616, RFC 2617).
 *
 * @param realm the protection space
 * @param nonce the server's nonce
 * @param opaque returned unchanged, or null
 * @param algorithm MD5 (the default), MD5-sess, SHA-256 or SHA-256-sess
 * @param qop the offered qop values as the server wrote them ("auth", "auth,auth-int"), or null for RFC 2069
 * @param stale whether the server refused only the nonce, not the credentials
 */
record DigestChallenge(String realm, String nonce, String opaque, String algorithm, String qop, boolean stale) {

    /** Reads a challenge; empty when the header is no Digest challenge or lacks realm or nonce. */
    static Optional<DigestChallenge> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String text = header.strip();
        if (!text.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> params = params(text.substring(7));
        if (!params.containsKey("realm") || !params.containsKey("nonce")) {
            return Optional.empty();
        }
        return Optional.of(new DigestChallenge(params.get("realm"), params.get("nonce"), params.get("opaque"),
                params.getOrDefault("algorithm", "MD5"), params.get("qop"),
                "true".equalsIgnoreCase(params.get("stale"))));
    }

    /** Whether qop=auth is offered. */
    boolean offersAuth() {
        if (qop == null) {
            return false;
        }
        for (String value : qop.split(",")) {
            if (value.strip().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> params(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            params.put(name, value.toString().strip());
        }
        return params;
    }
}
