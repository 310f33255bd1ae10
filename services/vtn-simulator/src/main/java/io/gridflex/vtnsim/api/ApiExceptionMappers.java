package io.gridflex.vtnsim.api;

import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.gridflex.vtnsim.event.EventClosedException;
import io.gridflex.vtnsim.event.UnknownEventException;

/** Turns every refusal of the admin API into a 4xx with an {@link ApiError} body, never a bare status or a 500. */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return error(e.status(), e.error(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownEvent(UnknownEventException e) {
        return error(Response.Status.NOT_FOUND, "unknown-event", e.getMessage());
    }

    @ServerExceptionMapper
    public Response closedEvent(EventClosedException e) {
        return error(Response.Status.CONFLICT, "event-closed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e) {
        return error(Response.Status.BAD_REQUEST, "invalid-json",
                "Unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds());
    }

    /** Wrong types ("lots" for a number, 1.5 for whole seconds, an array for the object); replaces the built-in. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = e.getPath().stream().map(ref -> ref.getFieldName() != null
                ? ref.getFieldName()
                : "[" + ref.getIndex() + "]").collect(Collectors.joining("."));
        return error(Response.Status.BAD_REQUEST, "invalid-json",
                (field.isEmpty() ? "" : "Field '" + field + "': ") + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        return error(Response.Status.BAD_REQUEST, "invalid-json", e.getOriginalMessage());
    }

    /** Unknown paths, wrong methods and media types: the same JSON shape as every other refusal. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(slug(status.getReasonPhrase()), e.getMessage()))
                .build();
    }

    private static Response error(Response.Status status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(error, detail))
                .build();
    }

    private static String slug(String reason) {
        return reason == null ? "error" : reason.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
