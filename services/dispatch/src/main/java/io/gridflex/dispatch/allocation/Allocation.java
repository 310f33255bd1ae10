package io.gridflex.dispatch.allocation;

import java.util.List;

/**
 * How a request was split. {@code allocatedDeciKw} is the sum of the shares; it equals {@code requestedDeciKw} unless
 * the sites could not take it all, in which case the rest is {@code shortfallDeciKw}.
 *
 * @param requestedDeciKw what was asked for, in tenths of a kW
 * @param allocatedDeciKw what the sites were given, in tenths of a kW
 * @param shortfallDeciKw what no site could take, in tenths of a kW
 * @param shares one entry per site with a non-zero share, ordered by site id
 */
public record Allocation(long requestedDeciKw, long allocatedDeciKw, long shortfallDeciKw, List<SiteShare> shares) {

    public Allocation {
        shares = List.copyOf(shares);
    }

    /** Nothing asked, nothing given: for events that must not shed. */
    public static Allocation none(long requestedDeciKw) {
        return new Allocation(requestedDeciKw, 0, 0, List.of());
    }

    public double requestedKw() {
        return DeciKw.toKw(requestedDeciKw);
    }

    public double allocatedKw() {
        return DeciKw.toKw(allocatedDeciKw);
    }

    public double shortfallKw() {
        return DeciKw.toKw(shortfallDeciKw);
    }
}
