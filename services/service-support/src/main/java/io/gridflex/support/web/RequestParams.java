package io.gridflex.support.web;

import java.util.regex.Pattern;

/** Checks of path and query parameters, shared by the resources so every one refuses bad input the same way. */
public final class RequestParams {

    /** Ids on the wire are 1 to 256 printable ASCII characters without spaces, as the message schemas say. */
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,256}");

    private RequestParams() {
    }

    public static String id(String name, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiException.badRequest("malformed-" + name,
                    name + " must be 1 to 256 printable ASCII characters without spaces");
        }
        return value;
    }

    public static int limit(String value, int defaultValue, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw ApiException.badRequest("malformed-limit", "limit must be a whole number from 1 to " + max);
    }
}
