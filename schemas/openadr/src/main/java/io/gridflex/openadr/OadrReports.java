package io.gridflex.openadr;

import static io.gridflex.openadr.OadrMessages.SCHEMA_VERSION;
import static io.gridflex.openadr.OadrMessages.duration;
import static io.gridflex.openadr.OadrMessages.payload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.ei.EiTargetType;
import io.gridflex.openadr.model.ei.IntervalType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.ei.ReportSpecifierType;
import io.gridflex.openadr.model.ei.SpecifierPayloadType;
import io.gridflex.openadr.model.emix.ItemBaseType;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;
import io.gridflex.openadr.model.oadr.OadrCanceledReportType;
import io.gridflex.openadr.model.oadr.OadrCreateReportType;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrLoadControlStateType;
import io.gridflex.openadr.model.oadr.OadrLoadControlStateTypeType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrPayloadResourceStatusType;
import io.gridflex.openadr.model.oadr.OadrPendingReportsType;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrRegisteredReportType;
import io.gridflex.openadr.model.oadr.OadrReportDescriptionType;
import io.gridflex.openadr.model.oadr.OadrReportPayloadType;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.oadr.OadrSamplingRateType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;
import io.gridflex.openadr.model.oadr.OadrUpdatedReportType;
import io.gridflex.openadr.model.power.EnergyRealType;
import io.gridflex.openadr.model.power.PowerRealType;
import io.gridflex.openadr.model.strm.Intervals;
import io.gridflex.openadr.model.xcal.WsCalendarIntervalType;

/**
 * Ready-made OpenADR 2.0b report messages: a VEN registers what it can report (metadata), the VTN requests reports,
 * the VEN sends them. TELEMETRY_USAGE, TELEMETRY_STATUS and their metadata; power in the unit the caller gives
 * ({@link OadrMessages#kilowatts()}, {@link OadrMessages#megawatts()}).
 */
public final class OadrReports {

    public static final String METADATA_TELEMETRY_USAGE = "METADATA_TELEMETRY_USAGE";
    public static final String TELEMETRY_USAGE = "TELEMETRY_USAGE";
    public static final String METADATA_TELEMETRY_STATUS = "METADATA_TELEMETRY_STATUS";
    public static final String TELEMETRY_STATUS = "TELEMETRY_STATUS";
    public static final String METADATA_HISTORY_USAGE = "METADATA_HISTORY_USAGE";
    public static final String HISTORY_USAGE = "HISTORY_USAGE";
    /** The reportSpecifierID with which a VTN asks a VEN to send its metadata ({@code oadrRegisterReport}) again. */
    public static final String METADATA_SPECIFIER_ID = "METADATA";
    /** The readingType of data points that are no reading, such as a resource's status. */
    public static final String NOT_APPLICABLE = "x-notApplicable";
    /** By convention a metadata report answers no request: its reportRequestID is 0. */
    public static final String METADATA_REQUEST_ID = "0";

    private static final io.gridflex.openadr.model.ei.ObjectFactory EI = new io.gridflex.openadr.model.ei.ObjectFactory();
    private static final io.gridflex.openadr.model.oadr.ObjectFactory OADR = new io.gridflex.openadr.model.oadr.ObjectFactory();
    private static final io.gridflex.openadr.model.power.ObjectFactory POWER = new io.gridflex.openadr.model.power.ObjectFactory();

    private OadrReports() {
    }

    // ----- Messages -----

    public static OadrPayload registerReport(String requestId, String venId, List<OadrReportType> metadataReports) {
        return registerReport(requestId, venId, metadataReports, null);
    }

    /**
     * @param reportRequestId the request for {@value #METADATA_SPECIFIER_ID} this registration answers, or null when
     *        it answers none
     */
    public static OadrPayload registerReport(String requestId, String venId, List<OadrReportType> metadataReports,
            String reportRequestId) {
        OadrRegisterReportType register = new OadrRegisterReportType();
        register.setSchemaVersion(SCHEMA_VERSION);
        register.setRequestID(requestId);
        register.getOadrReport().addAll(metadataReports);
        register.setVenID(venId);
        register.setReportRequestID(reportRequestId);
        return payload(s -> s.setOadrRegisterReport(register));
    }

    /** The VTN's acknowledgement of a VEN's metadata, optionally requesting reports right away. */
    public static OadrPayload registeredReport(EiResponseType response, String venId,
            List<OadrReportRequestType> requests) {
        OadrRegisteredReportType registered = new OadrRegisteredReportType();
        registered.setSchemaVersion(SCHEMA_VERSION);
        registered.setEiResponse(response);
        registered.getOadrReportRequest().addAll(requests);
        registered.setVenID(venId);
        return payload(s -> s.setOadrRegisteredReport(registered));
    }

    public static OadrPayload createReport(String requestId, String venId, List<OadrReportRequestType> requests) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("oadrCreateReport requests at least one report");
        }
        OadrCreateReportType create = new OadrCreateReportType();
        create.setSchemaVersion(SCHEMA_VERSION);
        create.setRequestID(requestId);
        create.getOadrReportRequest().addAll(requests);
        create.setVenID(venId);
        return payload(s -> s.setOadrCreateReport(create));
    }

    /** @param pendingReportRequestIds the periodic reports still to be delivered */
    public static OadrPayload createdReport(EiResponseType response, String venId,
            List<String> pendingReportRequestIds) {
        OadrCreatedReportType created = new OadrCreatedReportType();
        created.setSchemaVersion(SCHEMA_VERSION);
        created.setEiResponse(response);
        created.setOadrPendingReports(pending(pendingReportRequestIds));
        created.setVenID(venId);
        return payload(s -> s.setOadrCreatedReport(created));
    }

    public static OadrPayload updateReport(String requestId, String venId, List<OadrReportType> reports) {
        OadrUpdateReportType update = new OadrUpdateReportType();
        update.setSchemaVersion(SCHEMA_VERSION);
        update.setRequestID(requestId);
        update.getOadrReport().addAll(reports);
        update.setVenID(venId);
        return payload(s -> s.setOadrUpdateReport(update));
    }

    public static OadrPayload updatedReport(EiResponseType response, String venId) {
        OadrUpdatedReportType updated = new OadrUpdatedReportType();
        updated.setSchemaVersion(SCHEMA_VERSION);
        updated.setEiResponse(response);
        updated.setVenID(venId);
        return payload(s -> s.setOadrUpdatedReport(updated));
    }

    /** @param reportToFollow whether one last oadrUpdateReport will still be sent for the cancelled reports */
    public static OadrPayload cancelReport(String requestId, List<String> reportRequestIds, boolean reportToFollow,
            String venId) {
        if (reportRequestIds.isEmpty()) {
            throw new IllegalArgumentException("oadrCancelReport cancels at least one report");
        }
        OadrCancelReportType cancel = new OadrCancelReportType();
        cancel.setSchemaVersion(SCHEMA_VERSION);
        cancel.setRequestID(requestId);
        cancel.getReportRequestID().addAll(reportRequestIds);
        cancel.setReportToFollow(reportToFollow);
        cancel.setVenID(venId);
        return payload(s -> s.setOadrCancelReport(cancel));
    }

    public static OadrPayload canceledReport(EiResponseType response, String venId,
            List<String> pendingReportRequestIds) {
        OadrCanceledReportType canceled = new OadrCanceledReportType();
        canceled.setSchemaVersion(SCHEMA_VERSION);
        canceled.setEiResponse(response);
        canceled.setOadrPendingReports(pending(pendingReportRequestIds));
        canceled.setVenID(venId);
        return payload(s -> s.setOadrCanceledReport(canceled));
    }

    // ----- Report contents -----

    /**
     * A {@code METADATA_TELEMETRY_USAGE} report in MW: the data points a VEN can report, sampled between
     * {@code minPeriod} and {@code maxPeriod}.
     */
    public static OadrReportType telemetryMetadata(String reportSpecifierId, Instant createdAt, Duration minPeriod,
            Duration maxPeriod, List<ReportDataPoint> dataPoints) {
        return metadata(METADATA_TELEMETRY_USAGE, reportSpecifierId, createdAt,
                new SamplingRate(minPeriod, maxPeriod, false), OadrMessages.megawatts(), dataPoints);
    }

    /**
     * A metadata report ({@code reportRequestID} 0): the data points a VEN offers under {@code reportSpecifierId},
     * each with the same sampling rate and unit. A report without data points is valid: it says the VEN has that kind
     * of report but nothing in it yet.
     *
     * @param reportName e.g. {@value #METADATA_TELEMETRY_USAGE} or {@value #METADATA_TELEMETRY_STATUS}
     * @param unit the unit of every data point ({@code itemBase}): real power ({@link OadrMessages#kilowatts()}) or
     *        real energy ({@link OadrMessages#kilowattHours()}); null for data points without one (a status)
     */
    public static OadrReportType metadata(String reportName, String reportSpecifierId, Instant createdAt,
            SamplingRate rate, ItemBaseType unit, List<ReportDataPoint> dataPoints) {
        OadrReportType report = new OadrReportType();
        for (ReportDataPoint point : dataPoints) {
            OadrReportDescriptionType description = new OadrReportDescriptionType();
            description.setRID(point.rId());
            if (point.resourceId() != null) {
                EiTargetType source = new EiTargetType();
                source.getResourceID().add(point.resourceId());
                description.setReportDataSource(source);
            }
            description.setReportType(point.reportType());
            switch (unit) {
                case null -> {
                }
                case PowerRealType power -> description.setItemBase(POWER.createPowerReal(power));
                case EnergyRealType energy -> description.setItemBase(POWER.createEnergyReal(energy));
                default -> throw new IllegalArgumentException("a report's unit is real power or real energy, not "
                        + unit.getClass().getSimpleName());
            }
            description.setReadingType(point.readingType());
            OadrSamplingRateType sampling = new OadrSamplingRateType();
            sampling.setOadrMinPeriod(rate.minPeriod());
            sampling.setOadrMaxPeriod(rate.maxPeriod());
            sampling.setOadrOnChange(rate.onChange());
            description.setOadrSamplingRate(sampling);
            report.getOadrReportDescription().add(description);
        }
        report.setReportRequestID(METADATA_REQUEST_ID);
        report.setReportSpecifierID(reportSpecifierId);
        report.setReportName(reportName);
        report.setCreatedDateTime(createdAt);
        return report;
    }

    /**
     * A request for the data points {@code rIds} of a metadata report, sampled every {@code granularity} and sent
     * every {@code reportBack}.
     */
    public static OadrReportRequestType reportRequest(String reportRequestId, String reportSpecifierId,
            Duration granularity, Duration reportBack, List<String> rIds) {
        return reportRequest(reportRequestId, reportSpecifierId, granularity, reportBack, null, null, rIds);
    }

    /**
     * A request as {@link #reportRequest(String, String, Duration, Duration, List)}, over the report interval
     * {@code [start, start + duration)} ({@code reportInterval}); both null to leave it out (from now, until
     * cancelled), a zero duration for no end.
     */
    public static OadrReportRequestType reportRequest(String reportRequestId, String reportSpecifierId,
            Duration granularity, Duration reportBack, Instant start, Duration duration, List<String> rIds) {
        if (rIds.isEmpty()) {
            throw new IllegalArgumentException("a report request names at least one data point");
        }
        ReportSpecifierType specifier = new ReportSpecifierType();
        specifier.setReportSpecifierID(reportSpecifierId);
        specifier.setGranularity(duration(granularity));
        specifier.setReportBackDuration(duration(reportBack));
        for (String rId : rIds) {
            SpecifierPayloadType payload = new SpecifierPayloadType();
            payload.setRID(rId);
            payload.setReadingType(NOT_APPLICABLE);
            specifier.getSpecifierPayload().add(payload);
        }
        if (start != null) {
            WsCalendarIntervalType interval = new WsCalendarIntervalType();
            interval.setProperties(OadrMessages.properties(start, duration == null ? Duration.ZERO : duration));
            specifier.setReportInterval(interval);
        }
        OadrReportRequestType request = new OadrReportRequestType();
        request.setReportRequestID(reportRequestId);
        request.setReportSpecifier(specifier);
        return request;
    }

    /**
     * A {@code TELEMETRY_USAGE} report with the given readings; readings sharing a start time go into one interval.
     */
    public static OadrReportType telemetryReport(String reportRequestId, String reportSpecifierId, Instant createdAt,
            Instant start, Duration duration, List<ReportReading> readings) {
        return telemetryReport(TELEMETRY_USAGE, reportRequestId, reportSpecifierId, createdAt, start, duration,
                readings);
    }

    /**
     * A report of float readings named {@code reportName}; readings sharing a start time go into one interval.
     */
    public static OadrReportType telemetryReport(String reportName, String reportRequestId, String reportSpecifierId,
            Instant createdAt, Instant start, Duration duration, List<ReportReading> readings) {
        List<TimedPayload> payloads = new ArrayList<>();
        for (ReportReading reading : readings) {
            PayloadFloatType value = new PayloadFloatType();
            value.setValue(reading.value());
            OadrReportPayloadType payload = new OadrReportPayloadType();
            payload.setRID(reading.rId());
            payload.setPayloadBase(EI.createPayloadFloat(value));
            payload.setOadrDataQuality(reading.dataQuality());
            payloads.add(new TimedPayload(reading.start(), reading.duration(), payload));
        }
        return report(reportName, reportRequestId, reportSpecifierId, createdAt, start, duration, payloads);
    }

    /**
     * A {@code TELEMETRY_STATUS} report: each resource's status ({@code oadrPayloadResourceStatus}); statuses
     * sharing a start time go into one interval.
     */
    public static OadrReportType statusReport(String reportRequestId, String reportSpecifierId, Instant createdAt,
            Instant start, Duration duration, List<StatusReading> readings) {
        List<TimedPayload> payloads = new ArrayList<>();
        for (StatusReading reading : readings) {
            OadrPayloadResourceStatusType status = new OadrPayloadResourceStatusType();
            status.setOadrOnline(reading.online());
            status.setOadrManualOverride(reading.manualOverride());
            status.setOadrLoadControlState(loadControlState(reading.loadControlState()));
            OadrReportPayloadType payload = new OadrReportPayloadType();
            payload.setRID(reading.rId());
            payload.setPayloadBase(OADR.createOadrPayloadResourceStatus(status));
            payloads.add(new TimedPayload(reading.start(), reading.duration(), payload));
        }
        return report(TELEMETRY_STATUS, reportRequestId, reportSpecifierId, createdAt, start, duration, payloads);
    }

    private record TimedPayload(Instant start, Duration duration, OadrReportPayloadType payload) {
    }

    private static OadrReportType report(String reportName, String reportRequestId, String reportSpecifierId,
            Instant createdAt, Instant start, Duration duration, List<TimedPayload> payloads) {
        OadrReportType report = new OadrReportType();
        report.setDtstart(OadrMessages.dtstart(start));
        report.setDuration(duration(duration));
        report.setIntervals(intervals(payloads));
        report.setReportRequestID(reportRequestId);
        report.setReportSpecifierID(reportSpecifierId);
        report.setReportName(reportName);
        report.setCreatedDateTime(createdAt);
        return report;
    }

    private static Intervals intervals(List<TimedPayload> payloads) {
        if (payloads.isEmpty()) {
            throw new IllegalArgumentException("a report carries at least one reading");
        }
        Map<Instant, IntervalType> byStart = new LinkedHashMap<>();
        for (TimedPayload timed : payloads) {
            IntervalType interval = byStart.computeIfAbsent(timed.start(), start -> {
                IntervalType created = new IntervalType();
                created.setDtstart(OadrMessages.dtstart(start));
                created.setDuration(duration(timed.duration()));
                return created;
            });
            interval.getStreamPayloadBase().add(OADR.createOadrReportPayload(timed.payload()));
        }
        Intervals intervals = new Intervals();
        intervals.getInterval().addAll(byStart.values());
        return intervals;
    }

    private static OadrLoadControlStateType loadControlState(StatusReading.LoadControlState state) {
        if (state == null) {
            return null;
        }
        OadrLoadControlStateType type = new OadrLoadControlStateType();
        type.setOadrCapacity(loadControl(state.capacity()));
        type.setOadrLevelOffset(loadControl(state.levelOffset()));
        type.setOadrPercentOffset(loadControl(state.percentOffset()));
        type.setOadrSetPoint(loadControl(state.setPoint()));
        return type;
    }

    private static OadrLoadControlStateTypeType loadControl(StatusReading.Value value) {
        if (value == null) {
            return null;
        }
        OadrLoadControlStateTypeType type = new OadrLoadControlStateTypeType();
        type.setOadrMin(value.min());
        type.setOadrMax(value.max());
        type.setOadrCurrent(value.current());
        type.setOadrNormal(value.normal());
        return type;
    }

    private static OadrPendingReportsType pending(List<String> reportRequestIds) {
        OadrPendingReportsType pending = new OadrPendingReportsType();
        pending.getReportRequestID().addAll(reportRequestIds);
        return pending;
    }
}
