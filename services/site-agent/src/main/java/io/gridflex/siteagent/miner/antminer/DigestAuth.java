package io.gridflex.siteagent.miner.antminer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** HTTP digest authentication (RFC 7616, RFC 2617): the response to a challenge and the Authorization header. */
final class DigestAuth {

    private DigestAuth() {
    }

    /**
     * The {@code response} value: with qop=auth H(HA1:nonce:nc:cnonce:auth:HA2), without qop (RFC 2069)
     * H(HA1:nonce:HA2), where HA1 = H(user:realm:password) (for -sess, H(that:nonce:cnonce)) and HA2 = H(method:uri).
     */
    static String response(DigestChallenge challenge, String username, String password, String method, String uri,
            String nc, String cnonce) {
        String algorithm = challenge.algorithm().toUpperCase(Locale.ROOT);
        boolean session = algorithm.endsWith("-SESS");
        String hash = algorithm.startsWith("SHA-256") ? "SHA-256" : "MD5";
        String ha1 = hex(hash, username + ":" + challenge.realm() + ":" + password);
        if (session) {
            ha1 = hex(hash, ha1 + ":" + challenge.nonce() + ":" + cnonce);
        }
        String ha2 = hex(hash, method + ":" + uri);
        return challenge.offersAuth()
                ? hex(hash, ha1 + ":" + challenge.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : hex(hash, ha1 + ":" + challenge.nonce() + ":" + ha2);
    }

    /** The {@code Authorization} header value for one request. */
    static String header(DigestChallenge challenge, String username, String password, String method, String uri,
            int count, String cnonce) {
        String nc = String.format(Locale.ROOT, "%08x", count);
        StringBuilder header = new StringBuilder("Digest username=\"").append(quoted(username))
                .append("\", realm=\"").append(quoted(challenge.realm()))
                .append("\", nonce=\"").append(quoted(challenge.nonce()))
                .append("\", uri=\"").append(quoted(uri))
                .append("\", algorithm=").append(challenge.algorithm());
        if (challenge.offersAuth()) {
            header.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(quoted(cnonce)).append('"');
        }
        header.append(", response=\"")
                .append(response(challenge, username, password, method, uri, nc, cnonce)).append('"');
        if (challenge.opaque() != null) {
            header.append(", opaque=\"").append(quoted(challenge.opaque())).append('"');
        }
        return header.toString();
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }
}
