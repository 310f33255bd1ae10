package io.gridflex.vtnsim.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridflex.openadr.model.oadr.OadrPayload;

/** What one VEN offered, was asked, answered and sent; guarded by {@link ReportBook}. */
final class VenReports {

    /** At most this many reports are kept per VEN, the oldest dropped first. */
    static final int MAX_RECEIVED = 10_000;

    List<OfferedReport> offered = List.of();
    int metadataRegistrations;
    final Map<String, ReportRequestView> requests = new LinkedHashMap<>();
    final List<ReceivedReport> received = new ArrayList<>();
    /** Messages for the VEN's next polls, oldest first, with the reportRequestIDs each carries. */
    final Deque<Queued> queue = new ArrayDeque<>();
    /** Cancellations to carry in this VTN's reply to the VEN's next oadrUpdateReport, oldest first. */
    final Deque<Queued> piggyBacked = new ArrayDeque<>();
    /** The requestID of each message that asked for or cancelled reports, and the reportRequestIDs it named. */
    final Map<String, List<String>> byMessage = new HashMap<>();
    /** The oadrCreateReport that asked for each request by this VTN's own API, kept to send it again as it was. */
    final Map<String, Queued> created = new HashMap<>();

    record Queued(OadrPayload message, List<String> reportRequestIds, boolean cancel) {
    }

    void update(ReportRequestView request) {
        requests.put(request.reportRequestId(), request);
    }

    void receive(ReceivedReport report) {
        received.add(report);
        if (received.size() > MAX_RECEIVED) {
            received.removeFirst();
        }
    }
}
