package io.gridflex.siteagent.miner;

/** Where a miner's API listens. */
public record MinerEndpoint(String host, int port) {

    public MinerEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("miner host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** Reads {@code host:port}; IPv6 hosts go in brackets, {@code [::1]:4028}. */
    public static MinerEndpoint parse(String text) {
        String value = text == null ? "" : text.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("miner endpoint must be host:port, got '" + text + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new MinerEndpoint(host, Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("miner endpoint must be host:port, got '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
