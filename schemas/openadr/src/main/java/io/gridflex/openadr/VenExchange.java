package io.gridflex.openadr;

import java.util.Objects;

/**
 * How a VEN exchanges simpleHttp messages with its VTN: it polls (pull), or the VTN calls it at its transport
 * address (push).
 */
public record VenExchange(boolean httpPull, String transportAddress) {

    public VenExchange {
        if (!httpPull) {
            Objects.requireNonNull(transportAddress, "a push VEN needs a transport address");
        }
    }

    public static VenExchange pull() {
        return new VenExchange(true, null);
    }

    /** @param transportAddress the VEN's base URL the VTN pushes to, e.g. {@code https://ven.example:8443} */
    public static VenExchange push(String transportAddress) {
        return new VenExchange(false, transportAddress);
    }
}
