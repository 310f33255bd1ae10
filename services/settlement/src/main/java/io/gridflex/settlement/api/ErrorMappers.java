package io.gridflex.settlement.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refused requests into the JSON error body every GridFlex API uses. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return json(e.status(), e.body());
    }

    /** Unknown paths answer in JSON too, so clients never have to parse an HTML error page. */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, new ErrorBody("not-found", "no such resource"));
    }

    private static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
