package io.gridflex.dispatch.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a requested reduction across sites in proportion to what each reports it can shed.
 * <p>
 * Each site is weighted by its reported {@code sheddableKw} and capped at that figure rounded down to the 0.1 kW
 * command resolution. A site whose proportional share would pass its cap gets its cap, and what it cannot take is
 * split again across the others (water-filling) until no share passes a cap. Shares are then rounded down to tenths and
 * the tenths lost to rounding go, one each, to the sites with the largest rounded-off remainders (ties to the smaller
 * site id), so the shares add up exactly to the request. When the request is more than all caps together, every site
 * gets its cap and the difference is reported as shortfall.
 * <p>
 * Exact decimal arithmetic and a fixed site order make the result depend only on the inputs, never on their order.
 */
public final class ProportionalAllocator {

    /** Digits kept when dividing; remainders that agree this far are treated as a tie and settled by site id. */
    private static final int SCALE = 12;

    public Allocation allocate(double requestedKw, Collection<SiteFlexibility> sites) {
        long requested = DeciKw.round(requestedKw);
        List<Candidate> candidates = candidates(sites);
        long totalCap = candidates.stream().mapToLong(Candidate::capDeciKw).sum();
        if (requested == 0) {
            return Allocation.none(0);
        }
        if (totalCap <= requested) {
            List<SiteShare> shares = candidates.stream()
                    .filter(c -> c.capDeciKw() > 0)
                    .map(c -> new SiteShare(c.siteId(), c.capDeciKw()))
                    .toList();
            return new Allocation(requested, totalCap, requested - totalCap, shares);
        }
        Map<String, Long> given = waterFill(requested, candidates);
        List<SiteShare> shares = candidates.stream()
                .filter(c -> given.getOrDefault(c.siteId(), 0L) > 0)
                .map(c -> new SiteShare(c.siteId(), given.get(c.siteId())))
                .toList();
        return new Allocation(requested, requested, 0, shares);
    }

    /** Only called when the caps together exceed the request, which guarantees every loop below ends with room left. */
    private static Map<String, Long> waterFill(long requested, List<Candidate> candidates) {
        Map<String, Long> given = new HashMap<>();
        Set<Candidate> open = new LinkedHashSet<>(candidates);
        long remaining = requested;
        boolean capped = true;
        while (capped) {
            capped = false;
            BigDecimal openWeight = totalWeight(open);
            List<Candidate> reachingCap = new ArrayList<>();
            for (Candidate c : open) {
                // share >= cap  <=>  remaining * weight >= cap * openWeight, compared without dividing
                BigDecimal share = BigDecimal.valueOf(remaining).multiply(c.weight());
                if (share.compareTo(BigDecimal.valueOf(c.capDeciKw()).multiply(openWeight)) >= 0) {
                    reachingCap.add(c);
                }
            }
            for (Candidate c : reachingCap) {
                given.put(c.siteId(), c.capDeciKw());
                remaining -= c.capDeciKw();
                open.remove(c);
                capped = true;
            }
        }
        distributeRounded(remaining, List.copyOf(open), given);
        return given;
    }

    /** Largest-remainder rounding of the uncapped sites' proportional shares of {@code remaining}. */
    private static void distributeRounded(long remaining, List<Candidate> open, Map<String, Long> given) {
        if (open.isEmpty() || remaining <= 0) {
            return;
        }
        BigDecimal openWeight = totalWeight(open);
        List<Rounded> rounded = new ArrayList<>();
        long handedOut = 0;
        for (Candidate c : open) {
            BigDecimal exact = BigDecimal.valueOf(remaining).multiply(c.weight())
                    .divide(openWeight, SCALE, RoundingMode.DOWN);
            long floor = exact.setScale(0, RoundingMode.FLOOR).longValueExact();
            rounded.add(new Rounded(c, floor, exact.subtract(BigDecimal.valueOf(floor))));
            handedOut += floor;
        }
        rounded.sort(Comparator.comparing(Rounded::remainder).reversed()
                .thenComparing(r -> r.candidate().siteId()));
        long left = remaining - handedOut;
        while (left > 0) {
            boolean placed = false;
            for (int i = 0; i < rounded.size() && left > 0; i++) {
                Rounded r = rounded.get(i);
                if (r.deciKw() < r.candidate().capDeciKw()) {
                    rounded.set(i, r.plusOne());
                    left--;
                    placed = true;
                }
            }
            if (!placed) {
                throw new IllegalStateException(left + " tenths of a kW fit under no cap");
            }
        }
        rounded.forEach(r -> given.put(r.candidate().siteId(), r.deciKw()));
    }

    private static List<Candidate> candidates(Collection<SiteFlexibility> sites) {
        Map<String, Candidate> bySite = new HashMap<>();
        for (SiteFlexibility site : sites) {
            double kw = site.sheddableKw();
            if (!Double.isFinite(kw) || kw <= 0) {
                continue;
            }
            Candidate candidate = new Candidate(site.siteId(), BigDecimal.valueOf(kw), DeciKw.floor(kw));
            if (bySite.putIfAbsent(site.siteId(), candidate) != null) {
                throw new IllegalArgumentException("site listed twice: " + site.siteId());
            }
        }
        return bySite.values().stream().sorted(Comparator.comparing(Candidate::siteId)).toList();
    }

    private static BigDecimal totalWeight(Collection<Candidate> candidates) {
        return candidates.stream().map(Candidate::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private record Candidate(String siteId, BigDecimal weight, long capDeciKw) {
    }

    private record Rounded(Candidate candidate, long deciKw, BigDecimal remainder) {

        Rounded plusOne() {
            return new Rounded(candidate, deciKw + 1, remainder);
        }
    }
}
