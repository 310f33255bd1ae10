package io.gridflex.vtnsim.openadr;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.vtnsim.event.EiEventHandler;
import io.gridflex.vtnsim.opt.EiOptHandler;
import io.gridflex.vtnsim.poll.PollHandler;
import io.gridflex.vtnsim.report.EiReportHandler;
import io.gridflex.vtnsim.ven.RegistrationHandler;

/**
 * The OpenADR 2.0b simpleHTTP endpoints a pull VEN talks to. Bodies are taken as bytes of any media type (VENs send
 * application/xml or text/xml) and go through the shared codec; replies are application/xml.
 */
@Path("/OpenADR2/Simple/2.0b")
@Tag(name = "OpenADR 2.0b", description = "simpleHTTP services; each request and reply is an oadrPayload")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_XML)
public class OpenAdrResource {

    private final OpenAdrExchange exchange;
    private final RegistrationHandler registration;
    private final PollHandler poll;
    private final EiEventHandler event;
    private final EiReportHandler report;
    private final EiOptHandler opt;

    public OpenAdrResource(OpenAdrExchange exchange, RegistrationHandler registration, PollHandler poll,
            EiEventHandler event, EiReportHandler report, EiOptHandler opt) {
        this.exchange = exchange;
        this.registration = registration;
        this.poll = poll;
        this.event = event;
        this.report = report;
        this.opt = opt;
    }

    @POST
    @Path(RegistrationHandler.SERVICE)
    @Operation(summary = "oadrQueryRegistration, oadrCreatePartyRegistration, oadrCancelPartyRegistration")
    public Response registerParty(byte[] body) {
        return exchange.exchange(RegistrationHandler.SERVICE, body, registration);
    }

    @POST
    @Path(PollHandler.SERVICE)
    @Operation(summary = "oadrPoll: the VEN's events when they changed, else oadrResponse 200")
    public Response poll(byte[] body) {
        return exchange.exchange(PollHandler.SERVICE, body, poll);
    }

    @POST
    @Path(EiEventHandler.SERVICE)
    @Operation(summary = "oadrRequestEvent and oadrCreatedEvent")
    public Response event(byte[] body) {
        return exchange.exchange(EiEventHandler.SERVICE, body, event);
    }

    @POST
    @Path(EiReportHandler.SERVICE)
    @Operation(summary = "Report registration (answered with the scripted requests), updates (kept), answers to this"
            + " VTN's requests and cancellations")
    public Response report(byte[] body) {
        return exchange.exchange(EiReportHandler.SERVICE, body, report);
    }

    @POST
    @Path(EiOptHandler.SERVICE)
    @Operation(summary = "oadrCreateOpt and oadrCancelOpt, acknowledged")
    public Response opt(byte[] body) {
        return exchange.exchange(EiOptHandler.SERVICE, body, opt);
    }
}
