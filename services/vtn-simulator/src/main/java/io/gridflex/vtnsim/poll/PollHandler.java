package io.gridflex.vtnsim.poll;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrPollType;
import io.gridflex.vtnsim.event.DrEvent;
import io.gridflex.vtnsim.event.EventBook;
import io.gridflex.vtnsim.event.EventDistribution;
import io.gridflex.vtnsim.openadr.MessageHandler;
import io.gridflex.vtnsim.openadr.OadrReplies;
import io.gridflex.vtnsim.report.ReportBook;
import io.gridflex.vtnsim.ven.RegistrationRequests;
import io.gridflex.vtnsim.ven.VenRegistry;
import io.gridflex.vtnsim.vtnreport.VtnReportBook;

/**
 * OadrPoll: how a pull VEN learns of events and report requests. A registration message this VTN starts
 * ({@link RegistrationRequests}) comes first, then a report request or cancellation queued for the VEN (admin API),
 * one per poll; then this VTN's own report messages (its oadrRegisterReport, a report due); then the VEN gets its events when one of them is new or changed since it
 * last received them; otherwise an oadrResponse 200 says there is nothing to do. While the admin API holds a VEN's
 * deliveries back ({@link VenRegistry#hold}), only registration messages go out.
 */
@ApplicationScoped
public class PollHandler implements MessageHandler {

    public static final String SERVICE = "OadrPoll";

    private final VenRegistry registry;
    private final EventBook book;
    private final EventDistribution distribution;
    private final ReportBook reports;
    private final VtnReportBook vtnReports;
    private final RegistrationRequests registrations;
    private final Clock clock;

    public PollHandler(VenRegistry registry, EventBook book, EventDistribution distribution, ReportBook reports,
            RegistrationRequests registrations, VtnReportBook vtnReports, Clock clock) {
        this.vtnReports = vtnReports;
        this.registry = registry;
        this.registrations = registrations;
        this.book = book;
        this.distribution = distribution;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public Optional<OadrPayload> handle(Object message) {
        if (!(message instanceof OadrPollType poll)) {
            return OadrReplies.notRecognized(SERVICE, message);
        }
        Instant now = clock.instant();
        String venId = poll.getVenID();
        if (!registry.recordPoll(venId, now)) {
            return Optional.of(OadrReplies.response(OadrResponseCode.INVALID_ID,
                    "VEN " + venId + " is not registered with this VTN", null, venId));
        }
        Optional<OadrPayload> registration = registrations.nextFor(venId);
        if (registration.isPresent()) {
            // This VTN asks the VEN to register again, or ends its registration: before anything else.
            return registration;
        }
        if (registry.isHeld(venId)) {
            // Held back by the admin API: what is queued waits for the release.
            return Optional.of(OadrReplies.response(OadrResponseCode.OK, OadrResponseCode.OK.description(), null,
                    venId));
        }
        Optional<OadrPayload> queued = reports.nextFor(venId, now);
        if (queued.isPresent()) {
            // A report request or cancellation waits: it goes first; events follow with the next poll.
            return queued;
        }
        Optional<OadrPayload> ours = vtnReports.nextFor(venId, now);
        if (ours.isPresent()) {
            // This VTN's own reports: its metadata (oadrRegisterReport), or a report a VEN asked for that is due.
            return ours;
        }
        Optional<List<DrEvent>> events = book.distributeIfChanged(venId, now);
        if (events.isEmpty()) {
            return Optional.of(OadrReplies.response(OadrResponseCode.OK, OadrResponseCode.OK.description(), null,
                    venId));
        }
        return Optional.of(distribution.distribute(events.get(), venId, now));
    }
}
