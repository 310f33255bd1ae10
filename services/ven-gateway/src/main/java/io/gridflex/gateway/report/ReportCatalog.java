package io.gridflex.gateway.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.program.ProgramConfig;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.ReportDataPoint;
import io.gridflex.openadr.SamplingRate;
import io.gridflex.openadr.model.oadr.OadrReportType;

/**
 * What one program offers its VTN: per configured resource a TELEMETRY_USAGE data point (kW, Direct Read) and a
 * TELEMETRY_STATUS data point ({@code x-resourceStatus}), sampled within the same range, and a HISTORY_USAGE data
 * point (kWh, Direct Read) whose finest granularity is the history's bucket. A program without resources still offers
 * the three reports, without data points. Immutable.
 */
public final class ReportCatalog {

    private final SortedMap<String, List<String>> resources;
    private final SamplingRate rate;
    private final SamplingRate historyRate;
    private final int maxIntervals;

    /** @param historyRate its minimum period is the history's bucket: every granularity is a multiple of it */
    public ReportCatalog(Map<String, List<String>> resources, SamplingRate rate, SamplingRate historyRate,
            int maxIntervals) {
        SortedMap<String, List<String>> copy = new TreeMap<>();
        resources.forEach((resource, sites) -> copy.put(resource, List.copyOf(sites)));
        this.resources = copy;
        this.rate = rate;
        this.historyRate = historyRate;
        this.maxIntervals = maxIntervals;
    }

    public static ReportCatalog of(ProgramConfig program, GatewayConfig.Reports reports) {
        Map<String, List<String>> resources = new TreeMap<>();
        program.resources().forEach((resource, config) -> resources.put(resource, config.sites()));
        Duration bucket = reports.history().bucket();
        Duration coarsest = reports.maxSamplingPeriod().compareTo(bucket) < 0 ? bucket : reports.maxSamplingPeriod();
        return new ReportCatalog(resources,
                new SamplingRate(reports.minSamplingPeriod(), reports.maxSamplingPeriod(), false),
                new SamplingRate(bucket, coarsest, false), reports.maxIntervalsPerReport());
    }

    /** The sampling periods offered for live telemetry (TELEMETRY_USAGE, TELEMETRY_STATUS). */
    public SamplingRate samplingRate() {
        return rate;
    }

    /** The granularities offered for HISTORY_USAGE: multiples of the bucket (its minimum) up to its maximum. */
    public SamplingRate historyRate() {
        return historyRate;
    }

    /** The most intervals one report may carry. */
    public int maxIntervals() {
        return maxIntervals;
    }

    /** The resource ids, in order. */
    public List<String> resources() {
        return List.copyOf(resources.keySet());
    }

    /** The sites whose telemetry sums into {@code resourceId}; empty for a resource not offered. */
    public List<String> sites(String resourceId) {
        return resources.getOrDefault(resourceId, List.of());
    }

    /** The resource an offered data point {@code rId} of {@code kind} is about. */
    public Optional<String> resourceOf(ReportKind kind, String rId) {
        return Optional.ofNullable(kind.resourceOf(rId)).filter(resources::containsKey);
    }

    /** Every offered data point of {@code kind}, in resource order. */
    public List<String> rIds(ReportKind kind) {
        return resources.keySet().stream().map(kind::rId).toList();
    }

    /**
     * The METADATA_TELEMETRY_USAGE, METADATA_TELEMETRY_STATUS and METADATA_HISTORY_USAGE reports of
     * oadrRegisterReport.
     */
    public List<OadrReportType> metadata(Instant createdAt) {
        List<ReportDataPoint> usage = new ArrayList<>();
        List<ReportDataPoint> status = new ArrayList<>();
        List<ReportDataPoint> history = new ArrayList<>();
        for (String resource : resources.keySet()) {
            usage.add(new ReportDataPoint(ReportKind.USAGE.rId(resource), resource, "usage", "Direct Read"));
            status.add(new ReportDataPoint(ReportKind.STATUS.rId(resource), resource, "x-resourceStatus",
                    OadrReports.NOT_APPLICABLE));
            history.add(new ReportDataPoint(ReportKind.HISTORY.rId(resource), resource, "usage", "Direct Read"));
        }
        return List.of(
                OadrReports.metadata(ReportKind.USAGE.metadataName(), ReportKind.USAGE.specifierId(), createdAt, rate,
                        OadrMessages.kilowatts(), usage),
                OadrReports.metadata(ReportKind.STATUS.metadataName(), ReportKind.STATUS.specifierId(), createdAt,
                        rate, null, status),
                OadrReports.metadata(ReportKind.HISTORY.metadataName(), ReportKind.HISTORY.specifierId(), createdAt,
                        historyRate, OadrMessages.kilowattHours(), history));
    }

    /**
     * A digest of what the VTN is told (data points and sampling): when it changes, the metadata is registered again.
     * The sites behind a resource are not part of it; the VTN never sees them.
     */
    public String fingerprint() {
        StringBuilder text = new StringBuilder();
        for (ReportKind kind : ReportKind.values()) {
            text.append(kind.specifierId()).append(':').append(String.join(",", rIds(kind))).append(';');
        }
        text.append(seconds(rate.minPeriod())).append('-').append(seconds(rate.maxPeriod()));
        text.append(';').append(seconds(historyRate.minPeriod())).append('-').append(seconds(historyRate.maxPeriod()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(Duration duration) {
        return duration.toSeconds();
    }
}
