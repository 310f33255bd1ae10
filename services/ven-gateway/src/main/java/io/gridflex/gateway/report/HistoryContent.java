package io.gridflex.gateway.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gridflex.gateway.history.EnergyBuckets;
import io.gridflex.gateway.history.StoredBucket;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.ReportReading;
import io.gridflex.openadr.model.oadr.OadrReportType;

/**
 * Turns the stored buckets of a HISTORY_USAGE request's sites into its oadrReport: the request's interval cut into
 * intervals of its granularity (one interval when it is zero; the last one ends with the request), and in each, per
 * data point, the kWh its resource's sites drew. A bucket only partly inside an interval counts in proportion to the
 * time inside. Each value says how much of its time the sites' telemetry covers ({@code oadrDataQuality}):
 * {@value ReportContent#GOOD} when all of it, {@value ReportContent#PARTIAL} when part (the value is then what was
 * metered, less than was drawn), and {@value #NO_VALUE} (0) when none, e.g. before the history's retention. Pure.
 */
final class HistoryContent {

    static final String NO_VALUE = "No Quality - No Value";
    /** Telemetry covering at least this share of an interval's time counts as all of it (rounding of milliseconds). */
    private static final double WHOLE = 0.999;

    private final ReportCatalog catalog;
    private final EnergyBuckets buckets;

    HistoryContent(ReportCatalog catalog, EnergyBuckets buckets) {
        this.catalog = catalog;
        this.buckets = buckets;
    }

    /** The sites whose buckets the request needs. */
    List<String> sites(RequestedReport request) {
        return resources(request).values().stream().flatMap(r -> catalog.sites(r).stream()).distinct().toList();
    }

    /** The first bucket the request needs: the one holding its start. */
    Instant firstBucket(RequestedReport request) {
        return buckets.bucketOf(request.start());
    }

    /**
     * @param stored the request's sites' buckets from {@link #firstBucket} to the request's end
     * @return null when none of the data points asked for is offered any more
     */
    OadrReportType report(RequestedReport request, List<StoredBucket> stored, Instant createdAt) {
        Map<String, String> resources = resources(request);
        if (resources.isEmpty()) {
            return null;
        }
        long bucketMs = buckets.length().toMillis();
        Map<String, Map<Long, StoredBucket>> bySite = new HashMap<>();
        for (StoredBucket bucket : stored) {
            bySite.computeIfAbsent(bucket.siteId(), site -> new HashMap<>())
                    .put(bucket.bucketStart().toEpochMilli(), bucket);
        }
        long start = request.start().toEpochMilli();
        long end = request.end().toEpochMilli();
        long step = request.granularity().isPositive() ? request.granularity().toMillis() : end - start;
        List<ReportReading> readings = new ArrayList<>();
        for (long from = start; from < end; from += step) {
            long to = Math.min(end, from + step);
            // The buckets the interval spans, each with the time of it inside the interval.
            List<EnergyBuckets.Share> parts = buckets.split(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), 0);
            for (Map.Entry<String, String> point : resources.entrySet()) {
                List<String> sites = catalog.sites(point.getValue());
                double kwh = 0;
                double coveredMs = 0;
                for (String site : sites) {
                    Map<Long, StoredBucket> ofSite = bySite.getOrDefault(site, Map.of());
                    for (EnergyBuckets.Share part : parts) {
                        StoredBucket held = ofSite.get(part.bucketStart().toEpochMilli());
                        if (held != null) {
                            double inside = (double) part.coveredMs() / bucketMs;
                            kwh += held.energyKwh() * inside;
                            coveredMs += held.coveredMs() * inside;
                        }
                    }
                }
                double coverage = sites.isEmpty() ? 0 : coveredMs / ((double) (to - from) * sites.size());
                readings.add(new ReportReading(Instant.ofEpochMilli(from), Duration.ofMillis(to - from),
                        point.getKey(), coverage > 0 ? (float) kwh : 0f, quality(coverage)));
            }
        }
        return OadrReports.telemetryReport(ReportKind.HISTORY.reportName(), request.reportRequestId(),
                ReportKind.HISTORY.specifierId(), createdAt, request.start(), Duration.ofMillis(end - start), readings);
    }

    private static String quality(double coverage) {
        if (coverage >= WHOLE) {
            return ReportContent.GOOD;
        }
        return coverage > 0 ? ReportContent.PARTIAL : NO_VALUE;
    }

    /** The data points asked for that are still offered, each with its resource, in the order asked. */
    private Map<String, String> resources(RequestedReport request) {
        Map<String, String> resources = new LinkedHashMap<>();
        for (String rId : request.rIds()) {
            Optional<String> resource = catalog.resourceOf(ReportKind.HISTORY, rId);
            resource.ifPresent(r -> resources.put(rId, r));
        }
        return resources;
    }
}
