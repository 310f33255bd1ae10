package io.gridflex.dispatch.allocation;

import static io.gridflex.dispatch.allocation.Sites.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DrEvent.Signal;
import io.gridflex.messages.DrInterval;

class MeritOrderAllocatorTest {

    private static final Instant T0 = Instant.parse("2026-12-02T17:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofMinutes(30));
    private static final Instant T2 = T1.plus(Duration.ofMinutes(30));
    private static final ProgramTerms TERMS = new ProgramTerms(
            List.of(new BigDecimal("0.25"), new BigDecimal("0.5"), BigDecimal.ONE), BigDecimal.ZERO, "USD");

    private final MeritOrderAllocator allocator = new MeritOrderAllocator(Duration.ofSeconds(60));

    @Test
    void theLeastProfitableHashingShedsFirst() {
        List<Candidate> sites = List.of(site("efficient", 100).strike("95").build(),
                site("thirsty", 100).strike("40").build(), site("middling", 100).strike("60").build());

        EventAllocation allocation = allocator.allocate(reduce(150), TERMS, sites, T0.minusSeconds(600));

        assertThat(shares(allocation)).isEqualTo(Map.of("thirsty", 100.0, "middling", 50.0));
        assertThat(allocation.shortfallDeciKw()).isZero();
        assertThat(allocation.allocatedDeciKw()).isEqualTo(1500);
    }

    @Test
    void priorityComesBeforeProfitabilityAndUnknownStrikePricesComeLast() {
        List<Candidate> sites = List.of(site("unknown", 100).build(), site("cheap", 100).strike("10").priority(5)
                .build(), site("first", 100).strike("99").priority(1).build());

        EventAllocation allocation = allocator.allocate(reduce(250), TERMS, sites, T0);

        assertThat(shares(allocation)).isEqualTo(Map.of("first", 100.0, "cheap", 100.0, "unknown", 50.0));
    }

    @Test
    void sitesAlreadyCarryingTheEventKeepItOnReallocation() {
        List<Candidate> sites = List.of(site("cheaper", 100).strike("10").build(),
                site("carrying", 100).strike("90").sticky().build());

        EventAllocation allocation = allocator.allocate(reduce(80), TERMS, sites, T0);

        assertThat(shares(allocation)).isEqualTo(Map.of("carrying", 80.0));
    }

    @Test
    void otherEventsTakeTheirPartFirstSoASiteIsNeverCommittedTwice() {
        // Another event holds 60 kW of site a for the first ten minutes of this event's interval.
        List<Candidate> sites = List.of(site("a", 100).strike("10").busy(T0.minusSeconds(600),
                T0.plusSeconds(600), 60).build(), site("b", 100).strike("20").build());

        EventAllocation allocation = allocator.allocate(reduce(100), TERMS, sites, T0.minusSeconds(3600));

        assertThat(shares(allocation)).isEqualTo(Map.of("a", 40.0, "b", 60.0));
    }

    @Test
    void holdsAndLimitsCapWhatASiteMayShed() {
        List<Candidate> sites = List.of(site("held", 100).strike("10").limit(T0, T1, 0).build(),
                site("limited", 100).strike("20").limit(T0.plusSeconds(60), T1, 30).build(),
                site("free", 50).strike("30").build());

        EventAllocation allocation = allocator.allocate(reduce(200), TERMS, sites, T0);

        assertThat(shares(allocation)).isEqualTo(Map.of("limited", 30.0, "free", 50.0));
        assertThat(allocation.shortfallDeciKw()).isEqualTo(1200);
    }

    @Test
    void aRequestBeyondTheFleetIsAllocatedToCapacityAndTheRestIsShortfall() {
        EventAllocation allocation = allocator.allocate(reduce(500), TERMS,
                List.of(site("a", 120.5).build(), site("b", 80).build()), T0);

        assertThat(allocation.allocatedDeciKw()).isEqualTo(2005);
        assertThat(allocation.shortfallDeciKw()).isEqualTo(2995);
        assertThat(allocation.intervals()).singleElement()
                .satisfies(i -> assertThat(i.requestedDeciKw()).isEqualTo(5000));
    }

    @Test
    void theOverDeliveryMarginIsScheduledOnTopAndNotCountedAsShortfall() {
        ProgramTerms margin = new ProgramTerms(TERMS.levelShares(), new BigDecimal("0.1"), "USD");

        EventAllocation allocation = allocator.allocate(reduce(100), margin,
                List.of(site("a", 60).strike("1").build(), site("b", 100).strike("2").build()), T0);

        assertThat(shares(allocation)).isEqualTo(Map.of("a", 60.0, "b", 50.0));
        assertThat(allocation.shortfallDeciKw()).isZero();

        EventAllocation tight = allocator.allocate(reduce(100), margin, List.of(site("a", 105).build()), T0);
        assertThat(tight.allocatedDeciKw()).isEqualTo(1050);
        assertThat(tight.shortfallDeciKw()).isZero();
    }

    @Test
    void aRampLimitBoundsWhatASiteCanTakeOnShortNotice() {
        List<Candidate> sites = List.of(site("slow", 500).strike("1").ramp(60).build(),
                site("fast", 500).strike("2").build());

        // Allocated at the start: the slow site gets 60 s of grace at 60 kW/min.
        assertThat(shares(allocator.allocate(reduce(200), TERMS, sites, T0)))
                .isEqualTo(Map.of("slow", 60.0, "fast", 140.0));
        // Allocated four minutes ahead: five minutes at 60 kW/min.
        assertThat(shares(allocator.allocate(reduce(200), TERMS, sites, T0.minusSeconds(240))))
                .isEqualTo(Map.of("slow", 200.0));
    }

    @Test
    void anImportCapBecomesReductionsAndPerSiteCapsAboveTheDataCentresCommitment() {
        // Draws 500 + 300 = 800 kW; the cap is 600, so 200 kW must go. Site a may not go below 450 kW (its data
        // centre's commitment and minimum mining load), so it gives 50 and b the rest.
        List<Candidate> sites = List.of(site("a", 400).strike("1").draw(500).capFloor(450).build(),
                site("b", 250).strike("2").draw(300).build());

        EventAllocation allocation = allocator.allocate(request(Signal.IMPORT_CAP_KW, "600"), TERMS, sites, T0);

        assertThat(shares(allocation)).isEqualTo(Map.of("a", 50.0, "b", 150.0));
        Map<String, Long> caps = allocation.pieces().stream()
                .collect(Collectors.toMap(Piece::siteId, Piece::importCapDeciKw));
        assertThat(caps).isEqualTo(Map.of("a", 4500L, "b", 1500L));
    }

    @Test
    void anImportCapCountsWhatOtherEventsAlreadyTakeOff() {
        List<Candidate> sites = List.of(site("a", 400).draw(500).busy(T0, T1, 100).build());

        EventAllocation allocation = allocator.allocate(request(Signal.IMPORT_CAP_KW, "350"), TERMS, sites, T0);

        assertThat(shares(allocation)).isEqualTo(Map.of("a", 50.0));
        assertThat(allocation.pieces().getFirst().importCapDeciKw()).isEqualTo(3500);
    }

    @Test
    void percentagesAndFractionsApplyToTheSitesNormalDraw() {
        List<Candidate> sites = List.of(site("a", 400).draw(600).build(), site("b", 400).draw(400).build());

        assertThat(allocator.allocate(request(Signal.REDUCTION_PERCENT, "12.5"), TERMS, sites, T0)
                .allocatedDeciKw()).isEqualTo(1250);
        assertThat(allocator.allocate(request(Signal.CAPACITY_FRACTION, "0.8"), TERMS, sites, T0)
                .allocatedDeciKw()).isEqualTo(2000);
    }

    @Test
    void levelsAskForTheProgramsShareOfTheEnrolledCapacity() {
        List<Candidate> sites = List.of(site("a", 400).enrolled(300).build(), site("b", 400).enrolled(100).build());

        assertThat(allocator.allocate(request(Signal.LEVEL, "2"), TERMS, sites, T0).allocatedDeciKw())
                .isEqualTo(2000);
        assertThat(allocator.allocate(request(Signal.LEVEL, "0"), TERMS, sites, T0).pieces()).isEmpty();
        assertThatThrownBy(() -> allocator.allocate(request(Signal.LEVEL, "4"), TERMS, sites, T0))
                .isInstanceOf(InvalidSignalException.class).hasMessageContaining("level 4");
        assertThatThrownBy(() -> allocator.allocate(request(Signal.LEVEL, "1.5"), TERMS, sites, T0))
                .isInstanceOf(InvalidSignalException.class).hasMessageContaining("whole number");
    }

    @Test
    void aPriceShedsEverySiteWhoseStrikePriceItReaches() {
        List<Candidate> sites = List.of(site("cheap", 100).strike("50").build(), site("dear", 100).strike("120")
                .build(), site("unknown", 100).build(), site("exact", 40).strike("80.00").build());

        EventAllocation allocation = allocator.allocate(price("80", "USD"), TERMS, sites, T0);

        assertThat(shares(allocation)).isEqualTo(Map.of("cheap", 100.0, "exact", 40.0));
        assertThatThrownBy(() -> allocator.allocate(price("80", "EUR"), TERMS, sites, T0))
                .isInstanceOf(InvalidSignalException.class).hasMessageContaining("EUR");
    }

    @Test
    void aReductionAskingForMoreLoadIsRefused() {
        assertThatThrownBy(() -> allocator.allocate(request(Signal.REDUCTION_KW, "-5"), TERMS,
                List.of(site("a", 10).build()), T0)).isInstanceOf(InvalidSignalException.class);
    }

    @Test
    void onlyWhatIsStillAheadIsAllocatedAndEqualIntervalsMakeOnePiece() {
        EventRequest request = new EventRequest("vtn/e", Signal.REDUCTION_KW, null, List.of(
                new DrInterval(T0, T1, new BigDecimal("50")), new DrInterval(T1, T2, new BigDecimal("50"))), 0);
        Instant midway = T0.plusSeconds(600);

        EventAllocation allocation = allocator.allocate(request, TERMS, List.of(site("a", 100).build()), midway);

        assertThat(allocation.pieces()).singleElement().satisfies(p -> {
            assertThat(p.start()).isEqualTo(midway);
            assertThat(p.end()).isEqualTo(T2);
            assertThat(p.deciKw()).isEqualTo(500);
        });
        assertThat(allocator.allocate(request, TERMS, List.of(site("a", 100).build()), T2).pieces()).isEmpty();
    }

    @Test
    void startRandomizationDelaysEachSiteByAStableOffsetWithinTheWindow() {
        EventRequest request = new EventRequest("vtn/random", Signal.REDUCTION_KW, null,
                List.of(new DrInterval(T0, T2, new BigDecimal("400"))), 300);
        List<Candidate> sites = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sites.add(site("s" + i, 50).build());
        }

        EventAllocation first = allocator.allocate(request, TERMS, sites, T0.minusSeconds(60));
        EventAllocation again = allocator.allocate(request, TERMS, sites, T0.minusSeconds(60));

        assertThat(again).isEqualTo(first);
        assertThat(first.pieces()).hasSize(8).allSatisfy(p -> {
            assertThat(p.start()).isBetween(T0, T0.plusSeconds(300));
            assertThat(p.end()).isEqualTo(T2);
        });
        assertThat(first.pieces().stream().map(Piece::start).distinct().count()).isGreaterThan(1);
    }

    @Test
    void overlappingEventsAllocatedOneAfterAnotherNeverCommitASiteBeyondItsCapacity() {
        Random random = new Random(42);
        Map<String, Double> capacity = new HashMap<>();
        Map<String, List<Window>> committed = new HashMap<>();
        for (int s = 0; s < 12; s++) {
            capacity.put("site-" + s, 20.0 + random.nextInt(200));
            committed.put("site-" + s, new ArrayList<>());
        }
        for (int e = 0; e < 40; e++) {
            Instant start = T0.plusSeconds(60L * random.nextInt(240));
            Instant end = start.plusSeconds(60L * (5 + random.nextInt(90)));
            EventRequest request = new EventRequest("vtn/e" + e, Signal.REDUCTION_KW, null,
                    List.of(new DrInterval(start, end, BigDecimal.valueOf(50 + random.nextInt(600)))), 0);
            List<Candidate> sites = capacity.entrySet().stream().map(c -> {
                Sites site = site(c.getKey(), c.getValue()).strike(String.valueOf(random.nextInt(100)));
                committed.get(c.getKey()).forEach(w -> site.busy(w.start(), w.end(), DeciKw.toKw(w.deciKw())));
                return site.build();
            }).toList();

            for (Piece piece : allocator.allocate(request, TERMS, sites, T0).pieces()) {
                committed.get(piece.siteId()).add(new Window(piece.start(), piece.end(), piece.deciKw()));
            }
        }
        committed.forEach((site, windows) -> {
            TreeSet<Instant> cuts = new TreeSet<>();
            windows.forEach(w -> {
                cuts.add(w.start());
                cuts.add(w.end());
            });
            for (Instant at : cuts) {
                long total = windows.stream().filter(w -> w.covers(at)).mapToLong(Window::deciKw).sum();
                assertThat(total).as("%s at %s", site, at).isLessThanOrEqualTo(DeciKw.round(capacity.get(site)));
            }
        });
    }

    private static EventRequest reduce(double kw) {
        return request(Signal.REDUCTION_KW, BigDecimal.valueOf(kw).toPlainString());
    }

    private static EventRequest request(Signal signal, String value) {
        return new EventRequest("vtn/e1", signal, null, List.of(new DrInterval(T0, T1, new BigDecimal(value))), 0);
    }

    private static EventRequest price(String perMwh, String currency) {
        return new EventRequest("vtn/p1", Signal.PRICE, currency,
                List.of(new DrInterval(T0, T1, new BigDecimal(perMwh))), 0);
    }

    private static Map<String, Double> shares(EventAllocation allocation) {
        return allocation.pieces().stream()
                .collect(Collectors.toMap(Piece::siteId, p -> DeciKw.toKw(p.deciKw()), Double::sum));
    }
}
