package io.gridflex.dispatch.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ProportionalAllocatorTest {

    private final ProportionalAllocator allocator = new ProportionalAllocator();

    @Test
    void splitsInProportionToSheddableKw() {
        Allocation allocation = allocator.allocate(20, List.of(site("a", 30), site("b", 10)));

        assertThat(shares(allocation)).containsExactly(Map.entry("a", 150L), Map.entry("b", 50L));
        assertThat(allocation.allocatedDeciKw()).isEqualTo(200);
        assertThat(allocation.shortfallDeciKw()).isZero();
    }

    @Test
    void givesEverySiteItsCapAndReportsTheShortfallWhenCapacityIsShort() {
        Allocation allocation = allocator.allocate(10, List.of(site("a", 5), site("b", 3)));

        assertThat(shares(allocation)).containsExactly(Map.entry("a", 50L), Map.entry("b", 30L));
        assertThat(allocation.requestedKw()).isEqualTo(10.0);
        assertThat(allocation.allocatedKw()).isEqualTo(8.0);
        assertThat(allocation.shortfallKw()).isEqualTo(2.0);
    }

    @Test
    void requestEqualToCapacityFillsEveryCapWithoutShortfall() {
        Allocation allocation = allocator.allocate(12.5, List.of(site("a", 10), site("b", 2.5)));

        assertThat(shares(allocation)).containsExactly(Map.entry("a", 100L), Map.entry("b", 25L));
        assertThat(allocation.shortfallDeciKw()).isZero();
    }

    @Test
    void capsAtTheCommandResolutionAndRedistributesWhatCappedSitesCannotTake() {
        // a and b weigh 1.25 kW but can only be commanded 1.2 kW; their proportional share (1.2476 kW) passes that.
        Allocation allocation = allocator.allocate(102.3, List.of(site("a", 1.25), site("b", 1.25), site("c", 100)));

        assertThat(shares(allocation)).containsExactly(Map.entry("a", 12L), Map.entry("b", 12L), Map.entry("c", 999L));
        assertThat(allocation.allocatedDeciKw()).isEqualTo(1023);
        assertThat(allocation.shortfallDeciKw()).isZero();
    }

    @Test
    void siteTooSmallToCommandGetsNothingAndItsShareMovesOn() {
        Allocation allocation = allocator.allocate(5, List.of(site("tiny", 0.05), site("big", 10)));

        assertThat(shares(allocation)).containsExactly(Map.entry("big", 50L));
    }

    @Test
    void roundingLeftoversGoToLargestRemaindersThenSmallerSiteId() {
        Allocation allocation = allocator.allocate(10, List.of(site("c", 10), site("a", 10), site("b", 10)));

        assertThat(shares(allocation)).containsExactly(Map.entry("a", 34L), Map.entry("b", 33L), Map.entry("c", 33L));
    }

    @Test
    void largestRemainderWinsOverSiteId() {
        // exact shares: a 0.6667, b 1.3333 of 2.0 kW requested at 0.1 kW → a 6.667 tenths, b 13.333 tenths
        Allocation allocation = allocator.allocate(2, List.of(site("a", 1), site("b", 2)));

        assertThat(shares(allocation)).containsExactly(Map.entry("a", 7L), Map.entry("b", 13L));
    }

    @Test
    void requestIsReadAtTenthsRoundingHalvesUp() {
        assertThat(allocator.allocate(10.04, List.of(site("a", 100))).requestedDeciKw()).isEqualTo(100);
        assertThat(allocator.allocate(10.05, List.of(site("a", 100))).requestedDeciKw()).isEqualTo(101);
        assertThat(allocator.allocate(12.3, List.of(site("a", 100))).allocatedDeciKw()).isEqualTo(123);
    }

    @Test
    void noSitesMeansTheWholeRequestIsShortfall() {
        Allocation allocation = allocator.allocate(42, List.of());

        assertThat(allocation.shares()).isEmpty();
        assertThat(allocation.allocatedDeciKw()).isZero();
        assertThat(allocation.shortfallKw()).isEqualTo(42.0);
    }

    @Test
    void sitesWithNothingToShedAreLeftOut() {
        Allocation allocation = allocator.allocate(6, List.of(site("idle", 0), site("a", 3), site("b", 3)));

        assertThat(shares(allocation)).containsOnlyKeys("a", "b");
    }

    @Test
    void zeroRequestAllocatesNothing() {
        Allocation allocation = allocator.allocate(0, List.of(site("a", 3)));

        assertThat(allocation.shares()).isEmpty();
        assertThat(allocation.shortfallDeciKw()).isZero();
    }

    @Test
    void resultDependsOnlyOnTheInputsNotTheirOrder() {
        List<SiteFlexibility> sites = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            sites.add(site("site-" + i, 1.3 + i * 0.7));
        }
        Allocation reference = allocator.allocate(77.7, sites);
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<SiteFlexibility> shuffled = new ArrayList<>(sites);
            Collections.shuffle(shuffled, random);
            assertThat(allocator.allocate(77.7, shuffled)).isEqualTo(reference);
        }
    }

    @Test
    void sameSiteTwiceIsAProgrammingError() {
        assertThatThrownBy(() -> allocator.allocate(1, List.of(site("a", 1), site("a", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a");
    }

    @Test
    void randomInputsKeepEveryInvariant() {
        Random random = new Random(20240611);
        for (int round = 0; round < 2_000; round++) {
            int count = random.nextInt(8);
            List<SiteFlexibility> sites = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sites.add(site("s" + i, Math.round(random.nextDouble() * 5_000) / 100.0));
            }
            double requestedKw = Math.round(random.nextDouble() * 20_000) / 100.0;
            Allocation allocation = allocator.allocate(requestedKw, sites);

            long totalCap = sites.stream().mapToLong(s -> DeciKw.floor(s.sheddableKw())).sum();
            long requested = DeciKw.round(requestedKw);
            long sum = allocation.shares().stream().mapToLong(SiteShare::deciKw).sum();
            assertThat(sum).as("sum of shares, round %d", round).isEqualTo(Math.min(requested, totalCap));
            assertThat(allocation.allocatedDeciKw()).isEqualTo(sum);
            assertThat(allocation.shortfallDeciKw()).isEqualTo(requested - sum);
            for (SiteShare share : allocation.shares()) {
                SiteFlexibility site = sites.stream().filter(s -> s.siteId().equals(share.siteId())).findFirst()
                        .orElseThrow();
                assertThat(share.deciKw()).isPositive().isLessThanOrEqualTo(DeciKw.floor(site.sheddableKw()));
            }
            // More flexibility never means a clearly smaller share: at most one rounded tenth apart.
            Map<String, Long> byId = shares(allocation);
            for (SiteFlexibility x : sites) {
                for (SiteFlexibility y : sites) {
                    if (x.sheddableKw() <= y.sheddableKw()) {
                        assertThat(byId.getOrDefault(x.siteId(), 0L))
                                .isLessThanOrEqualTo(byId.getOrDefault(y.siteId(), 0L) + 1);
                    }
                }
            }
        }
    }

    private static SiteFlexibility site(String id, double sheddableKw) {
        return new SiteFlexibility(id, sheddableKw);
    }

    private static Map<String, Long> shares(Allocation allocation) {
        return allocation.shares().stream().collect(Collectors.toMap(SiteShare::siteId, SiteShare::deciKw,
                (a, b) -> a, LinkedHashMap::new));
    }
}
