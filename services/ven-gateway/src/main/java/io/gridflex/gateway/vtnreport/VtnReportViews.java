package io.gridflex.gateway.vtnreport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The JSON of {@code /api/programs/{program}/vtn-reports}; durations in ISO-8601 (PT1M). */
public final class VtnReportViews {

    private VtnReportViews() {
    }

    /** A report the VTN offers: request it by {@code reportSpecifierId}. */
    public record Offer(String reportSpecifierId, String reportName, List<String> rIds, String minPeriod,
            String maxPeriod) {

        static Offer of(VtnOffer offer) {
            return new Offer(offer.reportSpecifierId(), offer.reportName(), offer.rIds(), text(offer.minPeriod()),
                    text(offer.maxPeriod()));
        }
    }

    /** One request of ours; {@code reportBack} PT0S is a one-shot report. */
    public record Request(String reportRequestId, String reportSpecifierId, String reportName, List<String> rIds,
            String granularity, String reportBack, String status, String requestedVia, String detail,
            Instant requestedAt, Instant lastUpdateAt, String venId, String registrationId) {

        public static Request of(VtnRequest r) {
            return new Request(r.reportRequestId(), r.reportSpecifierId(), r.reportName(), r.rIds(),
                    r.granularity().toString(), r.reportBack().toString(), r.status().name(), r.via(), r.detail(),
                    r.requestedAt(), r.lastUpdateAt(), r.venId(), r.registrationId());
        }
    }

    public record Overview(List<Offer> offers, List<Request> requests) {

        public static Overview of(VtnReportDesk.Overview overview) {
            return new Overview(overview.offers().stream().map(Offer::of).toList(),
                    overview.requests().stream().map(Request::of).toList());
        }
    }

    /** One data point of one interval, as the VTN reported it. */
    public record Reading(String rId, Instant start, String duration, Double value, String status,
            String dataQuality, Instant reportCreatedAt) {

        public static Reading of(VtnReading r) {
            return new Reading(r.rId(), r.intervalStart(), r.duration().toString(), r.value(), r.status(),
                    r.dataQuality(), r.reportCreatedAt());
        }
    }

    /**
     * What an operator asks for: a report the VTN offers (its reportSpecifierId, or what it delivers such as
     * TELEMETRY_USAGE), optionally only some of its rIDs, sampled every {@code granularity} (default PT0S: once per
     * report) and sent every {@code reportBack} (default PT0S: once).
     */
    public record Wanted(String report, List<String> rIds, String granularity, String reportBack) {
    }

    /** One oadrCreateReport of one or more requests. */
    public record RequestBody(List<Wanted> reports) {
    }

    private static String text(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
