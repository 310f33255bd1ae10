package io.gridflex.siteagent.miner;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One miner of the site's inventory: its firmware and the address of its control API. Written
 * {@code [firmware://]host[:port][?nominal-w=W][&mac=M]}: the firmware defaults to LuxOS and the port to the
 * firmware's own; {@code nominal-w} is the miner's draw when hashing, for a firmware that reports none (otherwise the
 * site's configured default is used); {@code mac} is its hardware identity, which scanning records where the firmware
 * reports it.
 *
 * @param firmware the firmware its driver speaks
 * @param endpoint where its API listens: the miner's identity in the agent's state
 * @param nominalW its draw when hashing as configured, if given
 * @param hardwareId the unit's MAC address ({@link HardwareId}), if known: what follows it to another address
 */
public record InventoryEntry(Firmware firmware, MinerEndpoint endpoint, OptionalDouble nominalW,
        Optional<String> hardwareId) {

    /** An entry whose hardware identity is not known. */
    public InventoryEntry(Firmware firmware, MinerEndpoint endpoint, OptionalDouble nominalW) {
        this(firmware, endpoint, nominalW, Optional.empty());
    }

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
        OptionalDouble nominalW = OptionalDouble.empty();
        Optional<String> mac = Optional.empty();
        String query = uri.getQuery();
        for (String option : query == null || query.isEmpty() ? new String[0] : query.split("&")) {
            if (option.startsWith("nominal-w=") && nominalW.isEmpty()) {
                nominalW = OptionalDouble.of(nominalW(text, option.substring("nominal-w=".length())));
            } else if (option.startsWith("mac=") && mac.isEmpty()) {
                mac = Optional.of(HardwareId.ofMac(option.substring("mac=".length())).orElseThrow(
                        () -> new IllegalArgumentException(
                                "inventory entry '" + text + "': mac is not a MAC address")));
            } else {
                throw new IllegalArgumentException(
                        "inventory entry '" + text
                                + "': the options are nominal-w=<W> and mac=<MAC address>, once each");
            }
        }
        return new InventoryEntry(firmware, new MinerEndpoint(host, port), nominalW, mac);
    }

    private static double nominalW(String text, String value) {
        try {
            double watts = Double.parseDouble(value);
            if (!(watts > 0 && watts < 100_000)) {
                throw new IllegalArgumentException("inventory entry '" + text + "': nominal-w must be in (0, 100000)");
            }
            return watts;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("inventory entry '" + text + "': nominal-w is not a number", e);
        }
    }

    /** The same miner with its hardware identity as now known. */
    public InventoryEntry withHardwareId(Optional<String> id) {
        return new InventoryEntry(firmware, endpoint, nominalW, id);
    }

    /** The same unit, found at {@code moved} and driven by {@code now}'s driver. */
    public InventoryEntry at(MinerEndpoint moved, Firmware now) {
        return new InventoryEntry(now, moved, nominalW, hardwareId);
    }

    /**
     * The entry as an inventory writes it, {@code firmware://host:port[?nominal-w=W][&mac=M]}: {@link #parse} reads
     * it back.
     */
    public String text() {
        StringBuilder text = new StringBuilder(firmware.key()).append("://").append(endpoint);
        if (nominalW.isPresent()) {
            text.append("?nominal-w=").append(nominalW.getAsDouble());
        }
        hardwareId.ifPresent(mac -> text.append(nominalW.isPresent() ? '&' : '?').append("mac=").append(mac));
        return text.toString();
    }
}
