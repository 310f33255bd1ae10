package io.gridflex.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.transform.TransformerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridflex.dispatch.allocation.Candidate;
import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.allocation.IntervalOutcome;
import io.gridflex.dispatch.allocation.Piece;
import io.gridflex.dispatch.allocation.Window;
import io.gridflex.dispatch.fleet.FleetSite;
import io.gridflex.dispatch.schedule.SitePiece;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.settlement.attribution.ShareWindow;
import io.gridflex.settlement.attribution.SiteAttribution;
import io.gridflex.settlement.baseline.SettlementStatus;
import io.gridflex.settlement.baseline.SiteSettlement;

/**
 * Runs every benchmark method once, outside JMH, on the same inputs, and checks it does the real work: a benchmark
 * that measured an exception path or an empty result would print a fine-looking figure of nothing.
 */
class BenchmarkInputsTest {

    @Test
    void openAdrMarshalWritesTheDispatchEvent() {
        OpenAdrCodecBenchmark.Codec codec = new OpenAdrCodecBenchmark.Codec();
        codec.setUp();

        String xml = new OpenAdrCodecBenchmark().marshalDistributeEvent(codec);

        assertThat(xml).contains("oadrDistributeEvent", OpenAdrCodecBenchmark.EVENT_ID, OadrMessages.LOAD_DISPATCH);
        // The docs quote the size; a much smaller document would mean a different message is measured.
        assertThat(xml.getBytes(StandardCharsets.UTF_8).length).isBetween(3_000, 5_000);
    }

    @Test
    void openAdrUnmarshalReadsBackTheEventWeEncoded() {
        OpenAdrCodecBenchmark.Codec codec = new OpenAdrCodecBenchmark.Codec();
        codec.setUp();

        OadrPayload read = new OpenAdrCodecBenchmark().unmarshalAndValidateDistributeEvent(codec);

        OadrDistributeEventType distribute = (OadrDistributeEventType) OadrMessages.body(read);
        assertThat(distribute.getOadrEvent()).hasSize(1);
        OadrDistributeEventType.OadrEvent event = distribute.getOadrEvent().get(0);
        assertThat(event.getEiEvent().getEventDescriptor().getEventID()).isEqualTo(OpenAdrCodecBenchmark.EVENT_ID);
        EiEventSignalType signal = event.getEiEvent().getEiEventSignals().getEiEventSignal().get(0);
        assertThat(signal.getSignalName()).isEqualTo(OadrMessages.LOAD_DISPATCH);
        assertThat(signal.getIntervals().getInterval()).hasSize(4);
    }

    @ParameterizedTest
    @CsvSource({"compact, 25000, 40000", "indented, 60000, 90000"})
    void distributeEventRoundAnswersAllTenEvents(String layout, int minBytes, int maxBytes)
            throws TransformerException {
        DistributeEventRoundBenchmark.Received received = new DistributeEventRoundBenchmark.Received();
        received.layout = layout;
        received.setUp();
        // The docs quote the sizes; a much smaller document would mean a different message is measured.
        assertThat(received.text.getBytes(StandardCharsets.UTF_8).length).isBetween(minBytes, maxBytes);
        assertThat(received.text.matches("(?s).*>\\s+<.*")).as("whitespace between elements")
                .isEqualTo("indented".equals(layout));

        String answer = new DistributeEventRoundBenchmark().receiveAndAnswer(received);

        OadrPayload created = received.xml.unmarshal(answer);
        var responses = created.getOadrSignedObject().getOadrCreatedEvent().getEiCreatedEvent().getEventResponses()
                .getEventResponse();
        assertThat(responses).hasSize(DistributeEventRoundBenchmark.EVENTS)
                .allSatisfy(r -> assertThat(r.getRequestID()).isEqualTo("req-8121"));
        assertThat(responses.get(9).getQualifiedEventID().getEventID()).isEqualTo("evt-2026-11-21-10");
    }

    @Test
    void openAdrStartUpGivesAWorkingCodec() {
        OpenAdrXml codec = new OpenAdrCodecBenchmark().codecStartUp();

        OadrPayload read = codec.unmarshal(codec.marshal(OpenAdrCodecBenchmark.distributeEvent()));

        assertThat(OadrMessages.body(read)).isInstanceOf(OadrDistributeEventType.class);
    }

    @Test
    void drEventRoundTripsThroughTheCodec() {
        MessageCodecBenchmark.Messages messages = new MessageCodecBenchmark.Messages();
        messages.setUp();
        MessageCodecBenchmark benchmark = new MessageCodecBenchmark();

        String json = benchmark.encodeDrEvent(messages);
        DrEvent decoded = benchmark.decodeAndValidateDrEvent(messages);

        assertThat(json).contains("\"eventId\":\"" + MessageCodecBenchmark.EVENT_ID + "\"",
                "\"signal\":\"REDUCTION_KW\"");
        assertThat(decoded.eventId()).isEqualTo(MessageCodecBenchmark.EVENT_ID);
        assertThat(decoded.intervals()).hasSize(4);
        assertThat(decoded.targets().groupIds()).containsExactly("texas-north");
        assertThat(decoded).isEqualTo(MessageCodecBenchmark.drEvent());
    }

    @Test
    void siteScheduleRoundTripsThroughTheCodec() {
        MessageCodecBenchmark.Messages messages = new MessageCodecBenchmark.Messages();
        messages.setUp();
        MessageCodecBenchmark benchmark = new MessageCodecBenchmark();

        String json = benchmark.encodeSiteSchedule(messages);
        SiteSchedule decoded = benchmark.decodeAndValidateSiteSchedule(messages);

        assertThat(decoded).isEqualTo(MessageCodecBenchmark.siteSchedule());
        // The composer's cut: the docs quote 8 segments, 11 contributions and the size.
        assertThat(decoded.segments()).hasSize(8);
        assertThat(decoded.segments().stream().mapToInt(s -> s.contributions().size()).sum()).isEqualTo(11);
        assertThat(decoded.segments()).allSatisfy(s -> assertThat(s.contributions().stream()
                .mapToDouble(ScheduleSegment.Contribution::kw).sum()).isCloseTo(s.shedKw(), within(1e-9)));
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isBetween(1_800, 3_000);
    }

    @Test
    void siteTelemetryRoundTripsThroughTheCodec() {
        MessageCodecBenchmark.Messages messages = new MessageCodecBenchmark.Messages();
        messages.setUp();
        MessageCodecBenchmark benchmark = new MessageCodecBenchmark();

        String json = benchmark.encodeSiteTelemetry(messages);
        SiteTelemetry decoded = benchmark.decodeAndValidateSiteTelemetry(messages);

        assertThat(json).contains("\"siteId\":\"site-a\"");
        assertThat(decoded).isEqualTo(MessageCodecBenchmark.siteTelemetry());
    }

    @Test
    void settlementDeliversTheConstantShedWorkedOutByHand() {
        // Baseline: 90 intervals of 0.4 kWh in 15 min = 36 kWh / 0.25 h = 144 kW.
        // Event: 360 intervals of 10 s at 0.15 kWh (54 kW); baseline energy per interval 144 × 10/3600 = 0.4 kWh,
        // so 0.25 kWh delivered each: 360 × 0.25 = 90 kWh over 1 h, 90 kW on average.
        SettlementBenchmark.Site site = new SettlementBenchmark.Site();
        site.setUp();

        SiteSettlement result = new SettlementBenchmark().settleOneSiteOneHourEvent(site);

        assertThat(site.intervals).hasSize(450);
        assertThat(result.status()).isEqualTo(SettlementStatus.COMPLETE);
        assertThat(result.baseline().kw()).isEqualTo(new BigDecimal("144.000"));
        assertThat(result.deliveredKwh()).isEqualTo(new BigDecimal("90.000"));
        assertThat(result.averageDeliveredKw()).isEqualTo(new BigDecimal("90.000"));
        assertThat(result.intervals()).hasSize(360);
    }

    @Test
    void overlappingEventsShareTheSiteHourByTheirKwWorkedOutByHand() {
        // Baseline: 90 intervals of 0.5 kWh in 15 min = 45 kWh / 0.25 h = 180 kW, i.e. 0.5 kWh per 10 s.
        // 18:00-18:30, the first event alone: 180 × (0.5 − 0.25) = 45 kWh, all the first's.
        // 18:30-19:00, both (90 + 36 kW): 180 × (0.5 − 0.15) = 63 kWh, 90/126 = 45 kWh to the first, 18 to the second.
        // First 90 kWh, second 18 kWh: together the site's 108 kWh, each kWh once.
        SettlementBenchmark.SharedSite site = new SettlementBenchmark.SharedSite();
        site.setUp();

        List<SiteAttribution> result = new SettlementBenchmark().attributeOneSiteHourTwoOverlappingEvents(site);

        assertThat(site.intervals).hasSize(450);
        assertThat(result).hasSize(2).allSatisfy(event -> {
            assertThat(event.status()).isEqualTo(SettlementStatus.COMPLETE);
            assertThat(event.episodes()).singleElement().satisfies(episode -> {
                assertThat(episode.baselineKw()).isEqualTo(new BigDecimal("180.000"));
                assertThat(episode.siteDeliveredKwh()).isEqualTo(new BigDecimal("108.000"));
                assertThat(episode.start()).isEqualTo(SettlementBenchmark.EVENT_START);
            });
        });
        SiteAttribution first = result.get(0);
        SiteAttribution second = result.get(1);
        assertThat(first.deliveredKwh()).isEqualTo(new BigDecimal("90.000"));
        assertThat(second.deliveredKwh()).isEqualTo(new BigDecimal("18.000"));
        // The first was governed by revision 1, then by revision 2 from 18:10 on; the second by revision 2 only.
        assertThat(first.windows()).extracting(ShareWindow::revision).containsExactly(1L, 2L, 2L);
        assertThat(second.windows()).singleElement().satisfies(w -> {
            assertThat(w.revision()).isEqualTo(2);
            assertThat(w.share()).isEqualTo(new BigDecimal("0.285714"));
        });
        assertThat(second.intervals()).hasSize(180);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void aMultiIntervalReductionIsMetExactlyWithinEveryConstraint(int sites) {
        AllocationBenchmark.Portfolio portfolio = portfolio(sites);

        AllocationBenchmark.Outcome outcome = new AllocationBenchmark().allocateMultiIntervalReduction(portfolio);

        List<IntervalOutcome> intervals = outcome.allocation().intervals();
        assertThat(intervals).hasSize(4);
        for (int k = 0; k < intervals.size(); k++) {
            IntervalOutcome interval = intervals.get(k);
            long requested = DeciKw.round(portfolio.reduction.intervals().get(k).value());
            long target = requested + (requested * 5 + 99) / 100;
            assertThat(requested).isPositive();
            assertThat(interval.requestedDeciKw()).isEqualTo(requested);
            assertThat(interval.shortfallDeciKw()).isZero();
            assertThat(interval.allocatedDeciKw()).isEqualTo(target);
            // Past every site's randomized start (at most 2 min), the pieces add up to the request plus the margin.
            assertThat(sumAt(outcome.allocation().pieces(), midpoint(interval))).isEqualTo(target);
        }
        assertWithinEveryConstraint(portfolio, outcome);
        assertSchedulesAddEveryCommitment(portfolio, outcome);
        if (sites == 1000) {
            assertEveryConstraintIsPresent(portfolio, outcome);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void anImportCapIsMetWithoutSqueezingAnySiteBelowItsFloor(int sites) {
        AllocationBenchmark.Portfolio portfolio = portfolio(sites);

        AllocationBenchmark.Outcome outcome = new AllocationBenchmark().allocateImportCap(portfolio);

        List<IntervalOutcome> intervals = outcome.allocation().intervals();
        assertThat(intervals).hasSize(2).allSatisfy(interval -> {
            long requested = interval.requestedDeciKw();
            assertThat(requested).isPositive();
            assertThat(interval.shortfallDeciKw()).isZero();
            assertThat(interval.allocatedDeciKw()).isEqualTo(requested + (requested * 5 + 99) / 100);
            assertThat(sumAt(outcome.allocation().pieces(), midpoint(interval)))
                    .isEqualTo(interval.allocatedDeciKw());
        });
        Map<String, Candidate> candidates = byId(outcome.candidates());
        assertThat(outcome.allocation().pieces()).isNotEmpty().allSatisfy(piece -> {
            Candidate site = candidates.get(piece.siteId());
            assertThat(piece.importCapDeciKw()).isNotNull();
            assertThat(piece.importCapDeciKw()).isGreaterThanOrEqualTo(site.capFloorDeciKw());
            assertThat(piece.importCapDeciKw() + piece.deciKw()).isLessThanOrEqualTo(site.normalDrawDeciKw());
        });
        assertWithinEveryConstraint(portfolio, outcome);
        assertSchedulesAddEveryCommitment(portfolio, outcome);
    }

    private static AllocationBenchmark.Portfolio portfolio(int sites) {
        AllocationBenchmark.Portfolio portfolio = new AllocationBenchmark.Portfolio();
        portfolio.sites = sites;
        portfolio.setUp();
        return portfolio;
    }

    /**
     * Every minute of the event, no site is asked for more than it has left after the other events, nor beyond its
     * overrides (nothing during a HOLD), nor more than it can reach at its ramp rate by the interval's start.
     */
    private static void assertWithinEveryConstraint(AllocationBenchmark.Portfolio portfolio,
            AllocationBenchmark.Outcome outcome) {
        Map<String, Candidate> candidates = byId(outcome.candidates());
        assertThat(outcome.allocation().pieces()).allSatisfy(piece -> assertThat(candidates).containsKey(
                piece.siteId()));
        List<IntervalOutcome> intervals = outcome.allocation().intervals();
        for (Candidate site : candidates.values()) {
            List<Piece> mine = outcome.allocation().pieces().stream().filter(p -> p.siteId().equals(site.siteId()))
                    .toList();
            for (Instant at = intervals.getFirst().start(); at.isBefore(intervals.getLast().end()); at = at
                    .plusSeconds(60)) {
                Instant t = at;
                long given = sumAt(mine, t);
                long limit = Math.min(site.capacityDeciKw(), site.limits().stream().filter(w -> w.covers(t))
                        .mapToLong(Window::deciKw).min().orElse(Long.MAX_VALUE));
                if (given > 0) {
                    // Other events alone may exceed a later HOLD or LIMIT; then this event must give nothing.
                    assertThat(busyAt(site, t) + given).as("%s at %s", site.siteId(), t)
                            .isLessThanOrEqualTo(limit);
                }
            }
            if (site.rampDownKwPerMin() != null) {
                for (IntervalOutcome interval : intervals) {
                    long lead = Duration.between(AllocationBenchmark.NOW, interval.start()).toSeconds()
                            + AllocationBenchmark.RAMP_GRACE.toSeconds();
                    assertThat(sumAt(mine, midpoint(interval)))
                            .isLessThanOrEqualTo(DeciKw.floor(site.rampDownKwPerMin() * lead / 60.0));
                }
            }
        }
    }

    /** Each site given a piece gets a schedule whose segments hold its other commitments plus this event's piece. */
    private static void assertSchedulesAddEveryCommitment(AllocationBenchmark.Portfolio portfolio,
            AllocationBenchmark.Outcome outcome) {
        Map<String, FleetSite> fleet = portfolio.fleet.stream()
                .collect(Collectors.toMap(s -> s.site().siteId(), s -> s));
        assertThat(outcome.schedules().keySet()).isEqualTo(outcome.allocation().pieces().stream()
                .map(Piece::siteId).collect(Collectors.toSet()));
        outcome.schedules().forEach((siteId, segments) -> {
            List<Piece> mine = outcome.allocation().pieces().stream().filter(p -> p.siteId().equals(siteId))
                    .toList();
            List<IntervalOutcome> intervals = outcome.allocation().intervals();
            for (Instant at = intervals.getFirst().start(); at.isBefore(intervals.getLast().end()); at = at
                    .plusSeconds(60)) {
                Instant t = at;
                long others = fleet.get(siteId).pieces().stream().filter(p -> p.covers(t))
                        .mapToLong(SitePiece::deciKw).sum();
                double expected = (others + sumAt(mine, t)) / 10.0;
                double scheduled = segments.stream().filter(s -> s.covers(t)).mapToDouble(ScheduleSegment::shedKw)
                        .sum();
                assertThat(scheduled).as("%s at %s", siteId, t).isCloseTo(expected, within(1e-6));
            }
            assertThat(segments).allSatisfy(s -> assertThat(s.contributions().stream()
                    .mapToDouble(ScheduleSegment.Contribution::kw).sum()).isCloseTo(s.shedKw(), within(1e-6)));
        });
    }

    /** The 1,000-site portfolio really has what the benchmark claims, and the allocation reaches into it. */
    private static void assertEveryConstraintIsPresent(AllocationBenchmark.Portfolio portfolio,
            AllocationBenchmark.Outcome outcome) {
        List<Candidate> candidates = outcome.candidates();
        assertThat(portfolio.fleet.size() - candidates.size()).as("suspended and silent sites").isGreaterThan(2);
        assertThat(candidates).filteredOn(c -> !c.busy().isEmpty()).hasSizeGreaterThan(300);
        assertThat(candidates).filteredOn(c -> c.limits().stream().anyMatch(w -> w.deciKw() == 0))
                .hasSizeGreaterThan(10);
        assertThat(candidates).filteredOn(c -> c.limits().stream().anyMatch(w -> w.deciKw() > 0))
                .hasSizeGreaterThan(10);
        assertThat(candidates).filteredOn(c -> c.rampDownKwPerMin() != null).hasSizeGreaterThan(200);
        Map<String, FleetSite> fleet = portfolio.fleet.stream()
                .collect(Collectors.toMap(s -> s.site().siteId(), s -> s));
        assertThat(candidates).as("strike prices computed from efficiency and hash price")
                .filteredOn(c -> c.strikePricePerMwh() != null
                        && fleet.get(c.siteId()).site().strikePricePerMwh() == null)
                .hasSizeGreaterThan(300);
        assertThat(candidates).filteredOn(c -> c.strikePricePerMwh() == null).hasSizeGreaterThan(10);
        Set<String> given = outcome.allocation().pieces().stream().map(Piece::siteId).collect(Collectors.toSet());
        assertThat(given).hasSizeGreaterThan(candidates.size() / 3);
        // The merit order reaches sites held back by a ramp rate and by an override.
        assertThat(candidates).filteredOn(c -> given.contains(c.siteId()) && c.rampDownKwPerMin() != null)
                .isNotEmpty();
        assertThat(candidates).filteredOn(c -> given.contains(c.siteId()) && !c.limits().isEmpty()).isNotEmpty();
    }

    private static Map<String, Candidate> byId(List<Candidate> candidates) {
        return candidates.stream().collect(Collectors.toMap(Candidate::siteId, c -> c));
    }

    private static long busyAt(Candidate site, Instant at) {
        return site.busy().stream().filter(w -> w.covers(at)).mapToLong(Window::deciKw).sum();
    }

    private static long sumAt(List<Piece> pieces, Instant at) {
        return pieces.stream().filter(p -> !at.isBefore(p.start()) && at.isBefore(p.end())).mapToLong(Piece::deciKw)
                .sum();
    }

    private static Instant midpoint(IntervalOutcome interval) {
        return interval.start().plus(Duration.between(interval.start(), interval.end()).dividedBy(2));
    }
}
