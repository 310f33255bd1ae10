package io.gridflex.gateway.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.ReportReading;
import io.gridflex.openadr.StatusReading;
import io.gridflex.openadr.model.oadr.OadrReportType;

/**
 * Turns the samples of a requested report into its oadrReport: one interval per sample, one payload per data point
 * asked for.
 * <ul>
 * <li>TELEMETRY_USAGE: the resource's summed kW, with its {@code oadrDataQuality}: {@value #GOOD} when every site
 * reported in time, {@value #PARTIAL} (the sum of the sites online) when some did not, and {@value #NONE} (0) when
 * none did.</li>
 * <li>TELEMETRY_STATUS: online while at least one of its sites reports in time; manual override always false
 * (telemetry carries no such signal); load control state as {@code oadrPercentOffset}: the share of the
 * resource's load held off now (current), and the most it could hold off (max), 0 normally.</li>
 * </ul>
 * A data point whose resource is no longer offered is left out. Pure.
 */
final class ReportContent {

    static final String GOOD = "Quality Good - Non Specific";
    static final String PARTIAL = "Quality Uncertain - Sub Normal";
    static final String NONE = "Quality Bad - Not Connected";

    private final ReportCatalog catalog;

    ReportContent(ReportCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param samples at least one, oldest first
     * @param period the length of each sample's interval
     * @return null when none of the data points asked for is offered any more
     */
    OadrReportType report(RequestedReport request, List<Sample> samples, Duration period, Instant createdAt) {
        Instant first = samples.getFirst().at();
        Duration span = Duration.between(first, samples.getLast().at()).plus(period);
        List<ReportReading> usage = new ArrayList<>();
        List<StatusReading> status = new ArrayList<>();
        for (Sample sample : samples) {
            for (String rId : request.rIds()) {
                ResourceSnapshot snapshot = catalog.resourceOf(request.kind(), rId)
                        .map(resource -> sample.resources().get(resource)).orElse(null);
                if (snapshot == null) {
                    continue;
                }
                if (request.kind() == ReportKind.USAGE) {
                    usage.add(new ReportReading(sample.at(), period, rId, (float) snapshot.kw(), quality(snapshot)));
                } else {
                    status.add(new StatusReading(sample.at(), period, rId, snapshot.anyOnline(), false,
                            loadControl(snapshot)));
                }
            }
        }
        if (usage.isEmpty() && status.isEmpty()) {
            return null;
        }
        return request.kind() == ReportKind.USAGE
                ? OadrReports.telemetryReport(OadrReports.TELEMETRY_USAGE, request.reportRequestId(),
                        ReportKind.USAGE.specifierId(), createdAt, first, span, usage)
                : OadrReports.statusReport(request.reportRequestId(), ReportKind.STATUS.specifierId(), createdAt,
                        first, span, status);
    }

    static String quality(ResourceSnapshot snapshot) {
        if (snapshot.complete()) {
            return GOOD;
        }
        return snapshot.anyOnline() ? PARTIAL : NONE;
    }

    /** The share of the resource's load held off, in percent; null while no site reports. */
    static StatusReading.LoadControlState loadControl(ResourceSnapshot snapshot) {
        double base = snapshot.kw() + snapshot.shedKw();
        if (!snapshot.anyOnline() || base <= 0) {
            return null;
        }
        float current = (float) Math.min(100, 100 * snapshot.shedKw() / base);
        float max = (float) Math.min(100, 100 * (snapshot.shedKw() + snapshot.sheddableKw()) / base);
        return new StatusReading.LoadControlState(null, null,
                new StatusReading.Value(0f, Math.max(max, current), current, 0f), null);
    }
}
