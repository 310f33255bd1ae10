package io.gridflex.gateway.web;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refused requests into their status and a JSON {@link ErrorBody}. */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response map(ApiException e) {
        return json(e.status().getStatusCode(), e.body());
    }

    /** Unknown paths answer in the same JSON shape as every other refusal. */
    @ServerExceptionMapper
    public Response map(NotFoundException e) {
        return json(404, new ErrorBody("not-found", "no such resource"));
    }

    private static Response json(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
