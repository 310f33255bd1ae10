package io.gridflex.gateway.web;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.gridflex.support.web.ErrorBody;

/** Unknown paths answer in the same JSON shape as every other refusal (ApiException is mapped by service-support). */
public class NotFoundMapper {

    @ServerExceptionMapper
    public Response map(NotFoundException e) {
        return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("not-found", "no such resource")).build();
    }
}
