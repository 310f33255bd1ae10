package io.gridflex.vtnsim.push;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.vtnsim.report.EiReportHandler;
import io.gridflex.vtnsim.report.ReportBook;
import io.gridflex.vtnsim.report.ReportsQueued;
import io.gridflex.vtnsim.ven.VenRegistry;

/**
 * Sends a push VEN the report requests and cancellations the operator queued for it, at once, each POSTed to its
 * EiReport service. Per OpenADR 2.0b push, the VEN's answer (oadrCreatedReport, oadrCanceledReport) is the body of
 * its HTTP response; it is recorded exactly as the same answer POSTed by a pull VEN would be, by the EiReport handler.
 * The reports themselves then come as the VEN's own oadrUpdateReport requests.
 */
@ApplicationScoped
public class ReportPushes {

    private final VenRegistry vens;
    private final ReportBook book;
    private final EiReportHandler handler;
    private final VenPusher pusher;
    private final Clock clock;

    public ReportPushes(VenRegistry vens, ReportBook book, EiReportHandler handler, VenPusher pusher, Clock clock) {
        this.vens = vens;
        this.book = book;
        this.handler = handler;
        this.pusher = pusher;
        this.clock = clock;
    }

    void queued(@Observes ReportsQueued queued) {
        vens.find(queued.venId()).filter(ven -> ven.push()).ifPresent(ven -> {
            Optional<OadrPayload> next;
            while ((next = book.nextFor(ven.venId(), clock.instant())).isPresent()) {
                pusher.push(ven, EiReportHandler.SERVICE, next.get()).ifPresent(handler::handle);
            }
        });
    }
}
