package io.gridflex.minersim.net;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP/1.1 request.
 *
 * @param method upper case, e.g. {@code GET}
 * @param target the request target as sent (path and query)
 * @param path the target without its query
 * @param headers by lower-case name
 * @param body the entity, empty when there is none
 */
public record HttpRequest(String method, String target, String path, Map<String, String> headers, byte[] body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
