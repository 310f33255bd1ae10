package io.gridflex.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridflex.dispatch.allocation.Allocation;
import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.allocation.SiteFlexibility;
import io.gridflex.dispatch.allocation.SiteShare;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
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
        assertThat(xml.getBytes(StandardCharsets.UTF_8).length).isBetween(4_000, 10_000);
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

        assertThat(json).contains("\"eventId\":\"" + MessageCodecBenchmark.EVENT_ID + "\"");
        assertThat(decoded.eventId()).isEqualTo(MessageCodecBenchmark.EVENT_ID);
        assertThat(decoded.intervals()).hasSize(4);
        assertThat(decoded).isEqualTo(MessageCodecBenchmark.drEvent());
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

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void allocatorSharesAddUpToTheRequestAndStayUnderEachCap(int sites) {
        AllocatorBenchmark.Portfolio portfolio = new AllocatorBenchmark.Portfolio();
        portfolio.sites = sites;
        portfolio.setUp();

        Allocation allocation = new AllocatorBenchmark().allocateProportionally(portfolio);

        long requested = DeciKw.round(portfolio.requestedKw);
        assertThat(requested).isPositive();
        assertThat(allocation.requestedDeciKw()).isEqualTo(requested);
        assertThat(allocation.shares().stream().mapToLong(SiteShare::deciKw).sum()).isEqualTo(requested);
        assertThat(allocation.allocatedDeciKw()).isEqualTo(requested);
        assertThat(allocation.shortfallDeciKw()).isZero();
        Map<String, Double> caps = portfolio.flexibility.stream()
                .collect(Collectors.toMap(SiteFlexibility::siteId, SiteFlexibility::sheddableKw));
        assertThat(allocation.shares()).allSatisfy(share -> {
            assertThat(share.deciKw()).isPositive().isLessThanOrEqualTo(DeciKw.floor(caps.get(share.siteId())));
            // Proportional: within a tenth of the exact share.
            double exact = portfolio.requestedKw * caps.get(share.siteId()) / caps.values().stream()
                    .mapToDouble(Double::doubleValue).sum();
            assertThat(share.kw()).isCloseTo(exact, within(0.1 + 1e-9));
        });
        assertThat(allocation.shares()).extracting(SiteShare::siteId)
                .containsExactlyInAnyOrderElementsOf(caps.keySet());
    }
}
