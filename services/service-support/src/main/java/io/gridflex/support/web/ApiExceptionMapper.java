package io.gridflex.support.web;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

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

    private static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
