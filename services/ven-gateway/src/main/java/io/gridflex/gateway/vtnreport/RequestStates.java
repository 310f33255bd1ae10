package io.gridflex.gateway.vtnreport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How the VTN's answers move our requests from one {@link VtnRequest.Status} to the next. Pure. */
final class RequestStates {

    private RequestStates() {
    }

    /**
     * After the VTN's oadrCreatedReport: our requests it lists as pending are ACTIVE; one it answers without listing
     * it is REFUSED (with the VTN's code when not 200), except a one-shot report under 200, which may still come; an
     * ACTIVE request it no longer lists is COMPLETED, the list being all the VTN has pending for us.
     *
     * @param asked the requests it answers; null: every one still REQUESTED
     * @param refusal the VTN's code and description, when not 200; null when 200
     * @return the requests whose status changed, changed
     */
    static List<VtnRequest> afterCreated(List<VtnRequest> requests, List<String> pending, List<String> asked,
            String refusal) {
        List<VtnRequest> changed = new ArrayList<>();
        for (VtnRequest r : requests) {
            boolean listed = pending.contains(r.reportRequestId());
            boolean answered = asked == null
                    ? r.status() == VtnRequest.Status.REQUESTED
                    : asked.contains(r.reportRequestId());
            if (answered && listed) {
                changed.add(r.with(VtnRequest.Status.ACTIVE, null));
            } else if (answered && (refusal != null || !r.oneShot())) {
                changed.add(r.with(VtnRequest.Status.REFUSED,
                        refusal == null ? "the VTN did not list it as pending" : refusal));
            } else if (!answered && r.status() == VtnRequest.Status.ACTIVE && !listed) {
                changed.add(r.with(VtnRequest.Status.COMPLETED, "the VTN no longer lists it as pending"));
            }
        }
        return changed;
    }

    /**
     * After a report of it arrived: a request still open is ACTIVE, or COMPLETED when it was one-shot; one that has
     * ended (cancelled while the report was on its way) stays as it is.
     */
    static VtnRequest afterReport(VtnRequest request, Instant at) {
        if (!request.status().open()) {
            return request.updatedAt(at);
        }
        return request.oneShot()
                ? request.with(VtnRequest.Status.COMPLETED, "its one report arrived").updatedAt(at)
                : request.with(VtnRequest.Status.ACTIVE, request.detail()).updatedAt(at);
    }
}
