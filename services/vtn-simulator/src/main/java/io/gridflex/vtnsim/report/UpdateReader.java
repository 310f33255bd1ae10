package io.gridflex.vtnsim.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.gridflex.openadr.model.ei.IntervalType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.oadr.OadrPayloadResourceStatusType;
import io.gridflex.openadr.model.oadr.OadrReportPayloadType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.xcal.DurationPropType;

/** Reads the oadrReports of a VEN's oadrUpdateReport into {@link ReceivedReport}s. */
final class UpdateReader {

    private UpdateReader() {
    }

    static ReceivedReport read(String venId, OadrReportType report, Instant receivedAt) {
        List<ReceivedReport.Interval> intervals = new ArrayList<>();
        if (report.getIntervals() != null) {
            for (IntervalType interval : report.getIntervals().getInterval()) {
                List<ReceivedReport.Value> values = new ArrayList<>();
                interval.getStreamPayloadBase().forEach(element -> {
                    if (element.getValue() instanceof OadrReportPayloadType payload) {
                        values.add(value(payload));
                    }
                });
                intervals.add(new ReceivedReport.Interval(
                        interval.getDtstart() == null ? null : interval.getDtstart().getDateTime(),
                        seconds(interval.getDuration()), values));
            }
        }
        return new ReceivedReport(venId, receivedAt, report.getReportRequestID(), report.getReportSpecifierID(),
                report.getReportName(), report.getDtstart() == null ? null : report.getDtstart().getDateTime(),
                seconds(report.getDuration()), intervals);
    }

    private static ReceivedReport.Value value(OadrReportPayloadType payload) {
        Object base = payload.getPayloadBase() == null ? null : payload.getPayloadBase().getValue();
        if (base instanceof PayloadFloatType number) {
            return new ReceivedReport.Value(payload.getRID(), number.getValue(), payload.getOadrDataQuality(), null,
                    null, null);
        }
        if (base instanceof OadrPayloadResourceStatusType status) {
            Float percent = status.getOadrLoadControlState() == null
                    || status.getOadrLoadControlState().getOadrPercentOffset() == null
                            ? null
                            : status.getOadrLoadControlState().getOadrPercentOffset().getOadrCurrent();
            return new ReceivedReport.Value(payload.getRID(), null, payload.getOadrDataQuality(),
                    status.isOadrOnline(), status.isOadrManualOverride(), percent);
        }
        return new ReceivedReport.Value(payload.getRID(), null, payload.getOadrDataQuality(), null, null, null);
    }

    private static Long seconds(DurationPropType duration) {
        if (duration == null || duration.getDuration() == null) {
            return null;
        }
        Duration value = duration.getDuration();
        return value.toSeconds();
    }
}
