package io.gridflex.gateway.report;

import static io.gridflex.gateway.report.ReportFixtures.NOW;
import static io.gridflex.gateway.report.ReportFixtures.XML;
import static io.gridflex.gateway.report.ReportFixtures.catalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.gateway.history.EnergyBuckets;
import io.gridflex.gateway.history.StoredBucket;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.model.ei.IntervalType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.oadr.OadrReportPayloadType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;

/** Stored 5-minute buckets summed into a HISTORY_USAGE report's intervals, with their data quality. */
class HistoryContentTest {

    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
    private static final Duration BUCKET = Duration.ofMinutes(5);
    private final HistoryContent content = new HistoryContent(catalog(), new EnergyBuckets(BUCKET));

    private static RequestedReport request(Duration granularity, Instant start, Duration length, String... rIds) {
        return new RequestedReport("summer-peak", "rr-h", "VEN-PEER-1", "REG-1", ReportKind.HISTORY, List.of(rIds),
                granularity, Duration.ZERO, start, start.plus(length), RequestedReport.Status.ACTIVE, null, NOW);
    }

    /** Every 5-minute bucket of {@code [from, from + minutes)}: {@code kwh} each, wholly covered. */
    private static List<StoredBucket> full(String site, Instant from, int minutes, double kwh) {
        List<StoredBucket> buckets = new ArrayList<>();
        for (int m = 0; m < minutes; m += 5) {
            buckets.add(new StoredBucket(site, from.plusSeconds(60L * m), kwh, BUCKET.toMillis()));
        }
        return buckets;
    }

    @Test
    void eachIntervalSumsItsResourcesSitesAndSaysHowMuchOfItsTimeTheyCover() throws Exception {
        List<StoredBucket> stored = new ArrayList<>(full("site-1", T, 30, 10.0));
        stored.addAll(full("site-2", T, 30, 20.0));
        // site-2 reported only half of its fourth bucket (10:15 to 10:20).
        stored.set(stored.size() - 3, new StoredBucket("site-2", T.plusSeconds(900), 10.0, 150_000));
        RequestedReport request = request(Duration.ofMinutes(15), T, Duration.ofMinutes(30), "history-plant-a",
                "history-plant-b");

        OadrReportType report = content.report(request, stored, NOW);

        String xml = XML.marshal(OadrReports.updateReport("req-1", "VEN-PEER-1", List.of(report)));
        assertThatNoException().as(xml).isThrownBy(() -> ReportFixtures.validateOfficially(xml));
        OadrReportType read = ((OadrUpdateReportType) OadrMessages.body(XML.unmarshal(xml))).getOadrReport()
                .getFirst();
        assertThat(read.getReportName()).isEqualTo("HISTORY_USAGE");
        assertThat(read.getReportSpecifierID()).isEqualTo("gridflex-history-usage");
        assertThat(read.getDtstart().getDateTime()).isEqualTo(T);
        assertThat(read.getDuration().getDuration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(values(read)).containsExactly(
                tuple(T, Duration.ofMinutes(15), "history-plant-a", 90f, ReportContent.GOOD),
                tuple(T, Duration.ofMinutes(15), "history-plant-b", 0f, HistoryContent.NO_VALUE),
                tuple(T.plusSeconds(900), Duration.ofMinutes(15), "history-plant-a", 80f, ReportContent.PARTIAL),
                tuple(T.plusSeconds(900), Duration.ofMinutes(15), "history-plant-b", 0f, HistoryContent.NO_VALUE));
    }

    @Test
    void anIntervalOffTheBucketsTakesThePartOfEachBucketInsideIt() {
        List<StoredBucket> stored = full("site-3", T, 30, 6.0);
        // 10:02:30 to 10:17:30, one interval (granularity zero): half of the first and the fourth bucket.
        RequestedReport request = request(Duration.ZERO, T.plusSeconds(150), Duration.ofMinutes(15),
                "history-plant-b");

        assertThat(content.firstBucket(request)).isEqualTo(T);
        assertThat(content.sites(request)).containsExactly("site-3");
        assertThat(values(content.report(request, stored, NOW))).containsExactly(
                tuple(T.plusSeconds(150), Duration.ofMinutes(15), "history-plant-b", 18f, ReportContent.GOOD));
    }

    @Test
    void theLastIntervalEndsWithTheRequestAndAGoneDataPointIsLeftOut() {
        List<StoredBucket> stored = full("site-3", T, 30, 6.0);
        RequestedReport request = request(Duration.ofMinutes(10), T, Duration.ofMinutes(25), "history-plant-b",
                "history-plant-gone");

        assertThat(values(content.report(request, stored, NOW))).extracting(v -> v.toList().get(1),
                v -> v.toList().get(3)).containsExactly(tuple(Duration.ofMinutes(10), 12f),
                        tuple(Duration.ofMinutes(10), 12f), tuple(Duration.ofMinutes(5), 6f));
        assertThat(content.report(request(Duration.ZERO, T, Duration.ofMinutes(5), "history-plant-gone"), stored,
                NOW)).as("nothing asked is offered any more").isNull();
    }

    private static List<org.assertj.core.groups.Tuple> values(OadrReportType report) {
        List<org.assertj.core.groups.Tuple> values = new ArrayList<>();
        for (IntervalType interval : report.getIntervals().getInterval()) {
            interval.getStreamPayloadBase().forEach(element -> {
                OadrReportPayloadType payload = (OadrReportPayloadType) element.getValue();
                values.add(tuple(interval.getDtstart().getDateTime(), interval.getDuration().getDuration(),
                        payload.getRID(), ((PayloadFloatType) payload.getPayloadBase().getValue()).getValue(),
                        payload.getOadrDataQuality()));
            });
        }
        return values;
    }
}
