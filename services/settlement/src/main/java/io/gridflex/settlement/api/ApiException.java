package io.gridflex.settlement.api;

import jakarta.ws.rs.core.Response;

/** A request the API refuses, with the status and {@link ErrorBody} it answers with. */
public class ApiException extends RuntimeException {

    private final Response.Status status;
    private final String error;

    public ApiException(Response.Status status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(Response.Status.BAD_REQUEST, "bad-request", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(Response.Status.NOT_FOUND, "not-found", detail);
    }

    public Response.Status status() {
        return status;
    }

    public ErrorBody body() {
        return new ErrorBody(error, getMessage());
    }
}
