package io.gridflex.gateway.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.gridflex.gateway.registration.Registration;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.SamplingRate;
import io.gridflex.openadr.model.ei.ReportSpecifierType;
import io.gridflex.openadr.model.ei.SpecifierPayloadType;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;
import io.gridflex.openadr.model.xcal.DurationPropType;
import io.gridflex.openadr.model.xcal.Properties;

/**
 * Reads one oadrReportRequest against what the program offers ({@link ReportCatalog}). A request for a report or a
 * data point this VEN never offered is refused 452 (invalid ID) naming them; one whose timing this VEN cannot keep
 * is refused 454 (invalid data) saying why. A refused request is dropped whole: carrying out part of it would tell
 * the VTN nothing about what is missing. Pure: no clock, no I/O.
 */
final class RequestReader {

    private final ReportCatalog catalog;

    RequestReader(ReportCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param registration the registration the request arrived under
     * @param now when it arrived: the start of a request that states none
     */
    RequestVerdict read(OadrReportRequestType request, Registration registration, Instant now) {
        String id = request.getReportRequestID() == null ? "" : request.getReportRequestID().strip();
        if (id.isEmpty()) {
            return refused(id, OadrResponseCode.INVALID_DATA, "a report request without a reportRequestID");
        }
        ReportSpecifierType specifier = request.getReportSpecifier();
        String specifierId = specifier == null || specifier.getReportSpecifierID() == null
                ? ""
                : specifier.getReportSpecifierID().strip();
        if (OadrReports.METADATA_SPECIFIER_ID.equals(specifierId)) {
            return new RequestVerdict.MetadataRequested(id);
        }
        ReportKind kind = ReportKind.bySpecifier(specifierId);
        if (kind == null) {
            return refused(id, OadrResponseCode.INVALID_ID, "request " + id + " asks for report '" + specifierId
                    + "', which this VEN does not offer (it offers " + ReportKind.USAGE.specifierId() + ", "
                    + ReportKind.STATUS.specifierId() + " and " + ReportKind.HISTORY.specifierId() + ")");
        }
        List<String> rIds = new ArrayList<>(dataPoints(specifier));
        if (rIds.isEmpty()) {
            return refused(id, OadrResponseCode.INVALID_DATA, "request " + id + " names no data point (rID)");
        }
        List<String> unknown = rIds.stream().filter(rId -> catalog.resourceOf(kind, rId).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            return refused(id, OadrResponseCode.INVALID_ID, "request " + id + " names data points " + unknown
                    + " that " + specifierId + " does not offer");
        }
        Duration granularity = duration(specifier.getGranularity());
        Duration reportBack = duration(specifier.getReportBackDuration());
        if (kind == ReportKind.HISTORY) {
            return history(id, specifier, rIds, granularity, reportBack, registration, now);
        }
        String timing = timingProblem(granularity, reportBack);
        if (timing != null) {
            return refused(id, OadrResponseCode.INVALID_DATA, "request " + id + ": " + timing);
        }
        Instant start = now;
        Instant end = null;
        Properties interval = specifier.getReportInterval() == null
                ? null
                : specifier.getReportInterval().getProperties();
        if (interval != null && interval.getDtstart() != null && interval.getDtstart().getDateTime() != null) {
            start = interval.getDtstart().getDateTime();
            Duration length = duration(interval.getDuration());
            if (length.isNegative()) {
                return refused(id, OadrResponseCode.INVALID_DATA, "request " + id + ": negative report interval");
            }
            end = length.isZero() ? null : start.plus(length);
        }
        if (end != null && !end.isAfter(now)) {
            return refused(id, OadrResponseCode.INVALID_DATA, "request " + id + " asks for the interval ending "
                    + end + ", which is over: " + kind.reportName() + " reports readings as they come; "
                    + ReportKind.HISTORY.specifierId() + " reports a past interval");
        }
        return new RequestVerdict.Accepted(new RequestedReport(registration.program(), id, registration.venId(),
                registration.registrationId(), kind, rIds, granularity, reportBack, start, end,
                RequestedReport.Status.ACTIVE, null, now));
    }

    /**
     * A HISTORY_USAGE request: one report of the interval it names (reportInterval with a start and a length), in
     * intervals of the granularity (a multiple of the history's bucket; zero for one interval), sent once the
     * interval is over. Its reportBackDuration does not matter: the report goes once.
     */
    private RequestVerdict history(String id, ReportSpecifierType specifier, List<String> rIds, Duration granularity,
            Duration reportBack, Registration registration, Instant now) {
        Properties interval = specifier.getReportInterval() == null
                ? null
                : specifier.getReportInterval().getProperties();
        if (interval == null || interval.getDtstart() == null || interval.getDtstart().getDateTime() == null) {
            return refused(id, OadrResponseCode.INVALID_DATA, "request " + id + " for "
                    + ReportKind.HISTORY.reportName() + " names no reportInterval: it needs the start of the past"
                    + " interval it is about");
        }
        Instant start = interval.getDtstart().getDateTime();
        Duration length = duration(interval.getDuration());
        if (!length.isPositive()) {
            return refused(id, OadrResponseCode.INVALID_DATA, "request " + id + " for "
                    + ReportKind.HISTORY.reportName() + " needs the length of its reportInterval, got " + length);
        }
        SamplingRate rate = catalog.historyRate();
        Duration bucket = rate.minPeriod();
        if (granularity.isNegative() || reportBack.isNegative()) {
            return refused(id, OadrResponseCode.INVALID_DATA, "request " + id
                    + ": negative granularity or reportBackDuration");
        }
        if (granularity.isPositive()
                && (granularity.compareTo(bucket) < 0 || granularity.compareTo(rate.maxPeriod()) > 0
                        || granularity.toMillis() % bucket.toMillis() != 0)) {
            return refused(id, OadrResponseCode.INVALID_DATA, "request " + id + ": granularity " + granularity
                    + " is not a multiple of " + bucket + " up to " + rate.maxPeriod()
                    + ", the granularities of the usage history");
        }
        Duration step = granularity.isPositive() ? granularity : length;
        long intervals = (length.toMillis() + step.toMillis() - 1) / step.toMillis();
        if (intervals > catalog.maxIntervals()) {
            return refused(id, OadrResponseCode.INVALID_DATA, "request " + id + ": " + length + " in intervals of "
                    + step + " would carry " + intervals + " intervals, more than " + catalog.maxIntervals());
        }
        return new RequestVerdict.Accepted(new RequestedReport(registration.program(), id, registration.venId(),
                registration.registrationId(), ReportKind.HISTORY, rIds, granularity, reportBack, start,
                start.plus(length), RequestedReport.Status.ACTIVE, null, now));
    }

    /** Why this VEN cannot sample and send at these periods, or null when it can. */
    private String timingProblem(Duration granularity, Duration reportBack) {
        SamplingRate rate = catalog.samplingRate();
        if (granularity.isNegative() || reportBack.isNegative()) {
            return "negative granularity or reportBackDuration";
        }
        if (granularity.isPositive()
                && (granularity.compareTo(rate.minPeriod()) < 0 || granularity.compareTo(rate.maxPeriod()) > 0)) {
            return "granularity " + granularity + " is outside the sampling periods offered, " + rate.minPeriod()
                    + " to " + rate.maxPeriod();
        }
        if (reportBack.isPositive() && reportBack.compareTo(rate.minPeriod()) < 0) {
            return "reportBackDuration " + reportBack + " is shorter than the shortest period offered, "
                    + rate.minPeriod();
        }
        if (reportBack.isPositive() && granularity.isPositive()
                && reportBack.dividedBy(granularity) > catalog.maxIntervals()) {
            return "a report every " + reportBack + " of samples every " + granularity + " would carry more than "
                    + catalog.maxIntervals() + " intervals";
        }
        return null;
    }

    /** The rIDs named, trimmed, each once, in order. */
    private static Set<String> dataPoints(ReportSpecifierType specifier) {
        Set<String> rIds = new LinkedHashSet<>();
        for (SpecifierPayloadType payload : specifier.getSpecifierPayload()) {
            if (payload.getRID() != null && !payload.getRID().isBlank()) {
                rIds.add(payload.getRID().strip());
            }
        }
        return rIds;
    }

    private static Duration duration(DurationPropType prop) {
        return prop == null || prop.getDuration() == null ? Duration.ZERO : prop.getDuration();
    }

    private static RequestVerdict refused(String id, OadrResponseCode code, String detail) {
        return new RequestVerdict.Refused(id, code, detail);
    }
}
