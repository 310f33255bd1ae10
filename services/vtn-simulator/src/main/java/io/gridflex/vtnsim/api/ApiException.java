package io.gridflex.vtnsim.api;

import jakarta.ws.rs.core.Response;

/** A refusal of an admin request, answered as {@link ApiError} with the given status. */
public class ApiException extends RuntimeException {

    private final Response.Status status;
    private final String error;

    public ApiException(Response.Status status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String error, String detail) {
        return new ApiException(Response.Status.BAD_REQUEST, error, detail);
    }

    public Response.Status status() {
        return status;
    }

    public String error() {
        return error;
    }
}
