package io.gridflex.gateway.vtnreport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.xml.bind.JAXBElement;

import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.IntervalType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.oadr.OadrPayloadResourceStatusType;
import io.gridflex.openadr.model.oadr.OadrReportPayloadType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;
import io.gridflex.openadr.model.xcal.DurationPropType;

/**
 * Reads the VTN's oadrUpdateReport against the requests this VEN made of it. It is taken whole or not at all: a
 * report of a request we never made or that the VTN refused (452), a data point the request did not name (452), or an
 * interval without a start (454) refuses the message, so that nothing of it is stored. Pure.
 */
final class UpdateReader {

    /** The readings, and the requests they report on; or, when {@code code} is not 200, why none is taken. */
    record Read(List<VtnReading> readings, Set<String> reportRequestIds, OadrResponseCode code, String problem) {

        boolean ok() {
            return code.isSuccess();
        }
    }

    private UpdateReader() {
    }

    /** @param requests this program's requests by reportRequestID */
    static Read read(OadrUpdateReportType update, Map<String, VtnRequest> requests, Instant receivedAt) {
        List<VtnReading> readings = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        if (update.getOadrReport().isEmpty()) {
            return refused(OadrResponseCode.INVALID_DATA, "an oadrUpdateReport without reports");
        }
        for (OadrReportType report : update.getOadrReport()) {
            String id = report.getReportRequestID() == null ? "" : report.getReportRequestID().strip();
            VtnRequest request = requests.get(id);
            if (request == null || request.status() == VtnRequest.Status.REFUSED) {
                return refused(OadrResponseCode.INVALID_ID, "a report for reportRequestID '" + id
                        + "', which this VEN did not ask for");
            }
            ids.add(id);
            Instant created = report.getCreatedDateTime() == null ? receivedAt : report.getCreatedDateTime();
            Instant next = report.getDtstart() == null ? null : report.getDtstart().getDateTime();
            List<IntervalType> intervals = report.getIntervals() == null
                    ? List.of()
                    : report.getIntervals().getInterval();
            for (IntervalType interval : intervals) {
                Instant start = interval.getDtstart() != null && interval.getDtstart().getDateTime() != null
                        ? interval.getDtstart().getDateTime()
                        : next;
                if (start == null) {
                    return refused(OadrResponseCode.INVALID_DATA, "report " + id
                            + " has an interval without a start, and the report states none");
                }
                Duration length = duration(interval.getDuration());
                next = start.plus(length);
                for (JAXBElement<?> element : interval.getStreamPayloadBase()) {
                    if (!(element.getValue() instanceof OadrReportPayloadType payload)) {
                        continue;
                    }
                    String rId = payload.getRID() == null ? "" : payload.getRID().strip();
                    if (!request.rIds().contains(rId)) {
                        return refused(OadrResponseCode.INVALID_ID, "report " + id + " carries data point '" + rId
                                + "', which the request did not name (it named " + request.rIds() + ")");
                    }
                    readings.add(reading(id, rId, start, length, payload, created));
                }
            }
        }
        return new Read(List.copyOf(readings), Set.copyOf(ids), OadrResponseCode.OK, null);
    }

    private static VtnReading reading(String id, String rId, Instant start, Duration length,
            OadrReportPayloadType payload, Instant created) {
        Object base = payload.getPayloadBase() == null ? null : payload.getPayloadBase().getValue();
        Double value = base instanceof PayloadFloatType number ? (double) number.getValue() : null;
        String status = base instanceof OadrPayloadResourceStatusType resource ? status(resource) : null;
        return new VtnReading(id, rId, start, length, value, status, payload.getOadrDataQuality(), created);
    }

    private static String status(OadrPayloadResourceStatusType status) {
        return "online=" + status.isOadrOnline() + " manualOverride=" + status.isOadrManualOverride();
    }

    private static Duration duration(DurationPropType prop) {
        return prop == null || prop.getDuration() == null || prop.getDuration().isNegative()
                ? Duration.ZERO
                : prop.getDuration();
    }

    private static Read refused(OadrResponseCode code, String problem) {
        return new Read(List.of(), Set.of(), code, problem);
    }
}
