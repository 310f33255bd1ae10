package io.gridflex.siteagent.miner;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A miner's hardware identity: the MAC address of its network interface, which stays with the unit when its address
 * changes (a DHCP lease, a re-cabled rack) or its firmware is reflashed. Written as six lower-case hexadecimal pairs
 * joined by colons, whatever form the firmware reports (upper case, dashes, dots, or none).
 */
public final class HardwareId {

    private static final Pattern SEPARATED = Pattern.compile("\\p{XDigit}{2}([:-]\\p{XDigit}{2}){5}");
    private static final Pattern DOTTED = Pattern.compile("\\p{XDigit}{4}(\\.\\p{XDigit}{4}){2}");
    private static final Pattern BARE = Pattern.compile("\\p{XDigit}{12}");

    private HardwareId() {
    }

    /**
     * The MAC address in {@code text}, normalised; empty for anything else, and for the all-zero and broadcast
     * addresses, which firmwares report when they do not know theirs (two units must never look alike).
     */
    public static Optional<String> ofMac(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        String hex;
        if (SEPARATED.matcher(value).matches()) {
            hex = value.replace(":", "").replace("-", "");
        } else if (DOTTED.matcher(value).matches()) {
            hex = value.replace(".", "");
        } else if (BARE.matcher(value).matches()) {
            hex = value;
        } else {
            return Optional.empty();
        }
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.equals("000000000000") || hex.equals("ffffffffffff")) {
            return Optional.empty();
        }
        StringBuilder mac = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                mac.append(':');
            }
            mac.append(hex, i, i + 2);
        }
        return Optional.of(mac.toString());
    }
}
