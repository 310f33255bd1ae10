package io.gridflex.siteagent.miner;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.OptionalDouble;

/**
 * One miner of the site's inventory: its firmware and the address of its control API. Written
 * {@code [firmware://]host[:port][?nominal-w=W]}: the firmware defaults to LuxOS and the port to the firmware's own;
 * {@code nominal-w} is the miner's draw when hashing, for a firmware that reports none (otherwise the site's
 * configured default is used).
 *
 * @param firmware the firmware its driver speaks
 * @param endpoint where its API listens: the miner's identity in the agent's state
 * @param nominalW its draw when hashing as configured, if given
 */
public record InventoryEntry(Firmware firmware, MinerEndpoint endpoint, OptionalDouble nominalW) {

    public static InventoryEntry parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an inventory entry is empty");
        }
        int scheme = value.indexOf("://");
        Firmware firmware = scheme < 0 ? Firmware.LUXOS : Firmware.ofKey(value.substring(0, scheme));
        String rest = scheme < 0 ? value : value.substring(scheme + 3);
        URI uri;
        try {
            uri = new URI("miner://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("inventory entry '" + text + "' is not [firmware://]host[:port]", e);
        }
        if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            throw new IllegalArgumentException("inventory entry '" + text + "' is not [firmware://]host[:port]");
        }
        String host = uri.getHost().startsWith("[")
                ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() < 0 ? firmware.defaultPort() : uri.getPort();
        return new InventoryEntry(firmware, new MinerEndpoint(host, port), nominalW(text, uri.getQuery()));
    }

    private static OptionalDouble nominalW(String text, String query) {
        if (query == null || query.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (!query.startsWith("nominal-w=")) {
            throw new IllegalArgumentException("inventory entry '" + text + "': the only option is nominal-w=<W>");
        }
        try {
            double watts = Double.parseDouble(query.substring("nominal-w=".length()));
            if (!(watts > 0 && watts < 100_000)) {
                throw new IllegalArgumentException("inventory entry '" + text + "': nominal-w must be in (0, 100000)");
            }
            return OptionalDouble.of(watts);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("inventory entry '" + text + "': nominal-w is not a number", e);
        }
    }

    /** The entry as an inventory writes it, {@code firmware://host:port[?nominal-w=W]}: {@link #parse} reads it back. */
    public String text() {
        return firmware.key() + "://" + endpoint + (nominalW.isPresent() ? "?nominal-w=" + nominalW.getAsDouble() : "");
    }
}
