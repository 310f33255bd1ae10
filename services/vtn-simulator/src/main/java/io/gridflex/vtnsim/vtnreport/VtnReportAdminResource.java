package io.gridflex.vtnsim.vtnreport;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.vtnsim.api.ApiException;
import io.gridflex.vtnsim.push.VenPusher;
import io.gridflex.vtnsim.report.EiReportHandler;
import io.gridflex.vtnsim.ven.Ven;
import io.gridflex.vtnsim.ven.VenRegistry;

/** Lets tests set the reports this VTN offers, and read what VENs asked of it and what it sent them. */
@Path("/admin/vtn-reports")
@Tag(name = "VTN reports", description = "This VTN's own reports, which VENs may ask for")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VtnReportAdminResource {

    /** What a VEN asked for and what it answered to our reports. */
    public record VenView(String venId, List<Subscription> subscriptions, List<VenAnswer> answers) {
    }

    private final VtnReportBook book;
    private final VenRegistry vens;
    private final VenPusher pusher;
    private final EiReportHandler handler;
    private final Clock clock;

    public VtnReportAdminResource(VtnReportBook book, VenRegistry vens, VenPusher pusher, EiReportHandler handler,
            Clock clock) {
        this.book = book;
        this.vens = vens;
        this.pusher = pusher;
        this.handler = handler;
        this.clock = clock;
    }

    @PUT
    @Path("offers")
    @Operation(summary = "The reports this VTN offers from now on; POST vens/{venId}/register registers them with a"
            + " VEN")
    public List<OfferSpec> offer(List<OfferSpec> offers) {
        if (offers == null) {
            throw ApiException.badRequest("no-offers", "a list of offers, possibly empty");
        }
        for (OfferSpec offer : offers) {
            if (offer.reportSpecifierId() == null || offer.reportName() == null || offer.minPeriodSeconds() < 0
                    || offer.maxPeriodSeconds() < offer.minPeriodSeconds()) {
                throw ApiException.badRequest("bad-offer", "an offer needs reportSpecifierId, reportName and"
                        + " 0 <= minPeriodSeconds <= maxPeriodSeconds");
            }
        }
        book.offer(offers);
        return book.offers();
    }

    @POST
    @Path("vens/{venId}/register")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Register this VTN's offers with a VEN (oadrRegisterReport): at its next poll, or pushed"
            + " at once to a push VEN")
    public Map<String, Object> register(@PathParam("venId") String venId) {
        vens.find(venId).orElseThrow(
                () -> new ApiException(Response.Status.NOT_FOUND, "unknown-ven", "no VEN " + venId));
        book.queueRegistration(venId, clock.instant());
        return Map.of("pushed", deliverIfPush(venId));
    }

    @POST
    @Path("vens/{venId}/deliver")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Push what is due for a push VEN now: our registration, and each report that is due")
    public Map<String, Object> deliver(@PathParam("venId") String venId) {
        Ven ven = vens.find(venId).orElseThrow(
                () -> new ApiException(Response.Status.NOT_FOUND, "unknown-ven", "no VEN " + venId));
        if (!ven.push()) {
            throw ApiException.badRequest("pull-ven", "VEN " + venId + " polls: what is due goes at its next poll");
        }
        return Map.of("pushed", deliverIfPush(venId));
    }

    @GET
    @Path("vens/{venId}")
    @Operation(summary = "What a VEN asked of this VTN, and its answers to our reports")
    public VenView ven(@PathParam("venId") String venId) {
        return new VenView(venId, book.subscriptions(venId), book.answers(venId));
    }

    @GET
    @Path("requests/{reportRequestId}/sent")
    @Operation(summary = "Every value this VTN reported for one request, in the order sent")
    public List<SentReading> sent(@PathParam("reportRequestId") String reportRequestId) {
        return book.sent(reportRequestId);
    }

    /** For a push VEN, POSTs each message due; its answers are handled as if it had POSTed them. */
    private int deliverIfPush(String venId) {
        Optional<Ven> ven = vens.find(venId).filter(Ven::push);
        if (ven.isEmpty()) {
            return 0;
        }
        int pushed = 0;
        Optional<OadrPayload> next;
        while ((next = book.nextFor(venId, clock.instant())).isPresent()) {
            pushed++;
            pusher.push(ven.get(), EiReportHandler.SERVICE, next.get()).ifPresent(answer -> handler.handle(answer)
                    .filter(reply -> OadrMessages.body(reply) instanceof OadrCreatedReportType)
                    .ifPresent(created -> pusher.push(ven.get(), EiReportHandler.SERVICE, created)));
        }
        return pushed;
    }
}
