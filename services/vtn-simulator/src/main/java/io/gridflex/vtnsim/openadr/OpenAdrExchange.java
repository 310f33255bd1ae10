package io.gridflex.vtnsim.openadr;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.OpenAdrXmlException;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.vtnsim.api.ApiError;
import io.gridflex.vtnsim.log.MessageLog;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One simpleHTTP exchange: decode and validate the request with the shared codec, hand its message to the endpoint's
 * handler, encode and validate the reply.
 * <p>
 * simpleHTTP carries OpenADR errors inside an HTTP 200: a body that is XML but broken, hostile (DOCTYPE, entities)
 * or not valid 2.0b is answered with an oadrResponse whose responseCode is the codec's (400, 451, 454, 459, ...). Only
 * a body that is not XML at all gets HTTP 400, with a JSON reason: its sender does not speak OpenADR. A failure on our
 * side is an oadrResponse 469, never an HTTP 500.
 */
@ApplicationScoped
public class OpenAdrExchange {

    private static final Logger LOG = Logger.getLogger(OpenAdrExchange.class);
    static final String MESSAGES_METRIC = "gridflex.vtn.openadr.messages";
    static final String REFUSED_METRIC = "gridflex.vtn.openadr.refused";

    private final OpenAdrXml codec;
    private final Signatures signatures;
    private final MeterRegistry meters;
    private final MessageLog log;

    public OpenAdrExchange(OpenAdrXml codec, Signatures signatures, MeterRegistry meters, MessageLog log) {
        this.codec = codec;
        this.signatures = signatures;
        this.meters = meters;
        this.log = log;
    }

    public Response exchange(String service, byte[] body, MessageHandler handler) {
        if (!XmlSniffer.looksLikeXml(body)) {
            refused(service, "not-xml", "body is not XML");
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError("not-xml",
                            "An OpenADR 2.0b simpleHTTP request carries an oadrPayload XML document"))
                    .build();
        }
        Object message;
        try {
            message = OadrMessages.body(signatures.read(body));
        } catch (OpenAdrXmlException e) {
            refused(service, e.responseCode().text(), e.getMessage());
            return xml(OadrReplies.response(e.responseCode(), e.getMessage(), null, null));
        } catch (IllegalArgumentException e) {
            refused(service, OadrResponseCode.COMPLIANCE_ERROR.text(), e.getMessage());
            return xml(OadrReplies.response(OadrResponseCode.COMPLIANCE_ERROR, e.getMessage(), null, null));
        }
        String name = MessageNames.of(message);
        meters.counter(MESSAGES_METRIC, "service", service, "message", name).increment();
        Optional<OadrPayload> reply;
        try {
            reply = handler.handle(message);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed on %s", service, name);
            reply = Optional.of(OadrReplies.response(OadrResponseCode.DEPLOYMENT_ERROR_OR_OTHER,
                    "The VTN failed to process " + name, null, null));
        }
        log.record(service, message, reply);
        return reply.map(this::xml).orElseGet(() -> Response.ok().build());
    }

    private Response xml(OadrPayload payload) {
        String text;
        try {
            text = signatures.write(payload);
        } catch (RuntimeException e) {
            // Our reply failed our own schema: a bug here, reported to the VEN as such rather than as a 500.
            LOG.errorf(e, "Refusing to send an invalid reply");
            text = codec.marshal(OadrReplies.response(OadrResponseCode.DEPLOYMENT_ERROR_OR_OTHER,
                    "The VTN could not build a valid reply", null, null));
        }
        return Response.ok(text, MediaType.APPLICATION_XML_TYPE).build();
    }

    private void refused(String service, String reason, String detail) {
        LOG.warnf("Refused a %s request (%s): %s", service, reason, detail);
        meters.counter(REFUSED_METRIC, "service", service, "reason", reason).increment();
    }
}
