package io.gridflex.siteagent.miner.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * A block of IPv4 addresses to scan, inclusive at both ends. Written as a CIDR block ({@code 10.0.4.0/22}), a range
 * ({@code 10.0.4.10-10.0.4.200}) or one address.
 *
 * @param first the first address, as an unsigned 32-bit number
 * @param last the last address, not before {@code first}
 */
public record AddressRange(long first, long last) {

    /** The most addresses all ranges together may hold: a /16, a few thousand miners' worth many times over. */
    public static final long MAX_ADDRESSES = 1L << 16;

    public AddressRange {
        if (first < 0 || last > 0xFFFF_FFFFL || first > last) {
            throw new IllegalArgumentException("not an address range: " + first + "-" + last);
        }
    }

    /** Reads one range; bad input fails with a message that names it and says what is expected. */
    public static AddressRange parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a scan range is empty");
        }
        int slash = value.indexOf('/');
        if (slash >= 0) {
            long network = address(text, value.substring(0, slash));
            int bits;
            try {
                bits = Integer.parseInt(value.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "scan range '" + text + "': the prefix length after '/' must be a number 0..32", e);
            }
            if (bits < 0 || bits > 32) {
                throw new IllegalArgumentException("scan range '" + text + "': the prefix length must be 0..32");
            }
            long size = 1L << (32 - bits);
            if ((network & (size - 1)) != 0) {
                throw new IllegalArgumentException("scan range '" + text + "' has host bits set; the block is "
                        + dotted(network & ~(size - 1) & 0xFFFF_FFFFL) + "/" + bits);
            }
            return new AddressRange(network, network + size - 1);
        }
        int dash = value.indexOf('-');
        if (dash >= 0) {
            long first = address(text, value.substring(0, dash));
            long last = address(text, value.substring(dash + 1));
            if (last < first) {
                throw new IllegalArgumentException("scan range '" + text + "' ends before it starts");
            }
            return new AddressRange(first, last);
        }
        long single = address(text, value);
        return new AddressRange(single, single);
    }

    /** Reads every range of a configuration; together they may hold at most {@link #MAX_ADDRESSES} addresses. */
    public static List<AddressRange> parseAll(List<String> texts) {
        List<AddressRange> ranges = new ArrayList<>();
        long total = 0;
        for (String text : texts) {
            AddressRange range = parse(text);
            for (AddressRange other : ranges) {
                if (range.first <= other.last && other.first <= range.last) {
                    throw new IllegalArgumentException("scan ranges " + other + " and " + range + " overlap");
                }
            }
            ranges.add(range);
            total += range.size();
        }
        if (total > MAX_ADDRESSES) {
            throw new IllegalArgumentException(
                    "scan ranges hold " + total + " addresses; at most " + MAX_ADDRESSES + " (a /16) are scanned");
        }
        return List.copyOf(ranges);
    }

    public long size() {
        return last - first + 1;
    }

    /** The i-th address of the range, dotted. */
    public String address(long i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(i);
        }
        return dotted(first + i);
    }

    public boolean contains(String address) {
        long value;
        try {
            value = address(address, address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return value >= first && value <= last;
    }

    @Override
    public String toString() {
        return first == last ? dotted(first) : dotted(first) + "-" + dotted(last);
    }

    private static long address(String text, String part) {
        String[] octets = part.trim().split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException(
                    "scan range '" + text + "': '" + part.trim() + "' is not an IPv4 address a.b.c.d");
        }
        long value = 0;
        for (String octet : octets) {
            int n;
            try {
                n = octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
                        ? -1
                        : Integer.parseInt(octet);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0 || n > 255) {
                throw new IllegalArgumentException(
                        "scan range '" + text + "': '" + part.trim() + "' is not an IPv4 address a.b.c.d");
            }
            value = (value << 8) | n;
        }
        return value;
    }

    static String dotted(long address) {
        return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }
}
