package io.gridflex.support.web;

import java.util.stream.Collectors;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns refused requests into their status and a JSON {@link ErrorBody}, the one error shape of every API. */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response map(ApiException e) {
        return json(e.status(), e.body());
    }

    /** Unknown paths answer in JSON too, so clients never have to parse an HTML error page. */
    @ServerExceptionMapper
    public Response map(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, new ErrorBody("not-found", "no such resource"));
    }

    /** A body that is not the JSON the endpoint takes: an unknown field, a wrong type, broken syntax. */
    @ServerExceptionMapper
    public Response map(UnrecognizedPropertyException e) {
        return json(Response.Status.BAD_REQUEST, new ErrorBody("invalid-json",
                "unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds()));
    }

    @ServerExceptionMapper
    public Response map(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return json(Response.Status.BAD_REQUEST, new ErrorBody("invalid-json",
                (field.isEmpty() ? "" : "field '" + field + "': ") + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response map(JsonProcessingException e) {
        return json(Response.Status.BAD_REQUEST, new ErrorBody("invalid-json", e.getOriginalMessage()));
    }

    /**
     * Every other refusal of the REST layer (a body it could not read, a wrong method or media type) in the same JSON
     * shape. A body that is not the JSON the endpoint takes arrives here wrapped; its cause says what was wrong.
     */
    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return map(unknown);
        }
        if (cause instanceof MismatchedInputException mismatched) {
            return map(mismatched);
        }
        if (cause instanceof JsonProcessingException json) {
            return map(json);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String reason = status.getReasonPhrase() == null ? "error" : status.getReasonPhrase();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(reason.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'),
                        e.getMessage() == null ? reason : e.getMessage()))
                .build();
    }

    private static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
