package io.gridflex.minersim.net;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP response.
 *
 * @param status e.g. 200
 * @param headers extra headers (Content-Length and Connection are added when written)
 * @param body the entity
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public static HttpResponse json(int status, String json) {
        return new HttpResponse(status, Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse json(int status, String json, Map<String, String> extraHeaders) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", "application/json");
        return new HttpResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }
}
