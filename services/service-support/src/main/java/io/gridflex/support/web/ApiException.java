package io.gridflex.support.web;

import jakarta.ws.rs.core.Response.Status;

/** A request the API refuses, carrying the status and the {@link ErrorBody} to answer with. */
public class ApiException extends RuntimeException {

    private final Status status;
    private final String error;

    public ApiException(Status status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String error, String detail) {
        return new ApiException(Status.BAD_REQUEST, error, detail);
    }

    public static ApiException notFound(String error, String detail) {
        return new ApiException(Status.NOT_FOUND, error, detail);
    }

    /** The request contradicts the current state: a stale version, a duplicate id. */
    public static ApiException conflict(String error, String detail) {
        return new ApiException(Status.CONFLICT, error, detail);
    }

    public Status status() {
        return status;
    }

    public ErrorBody body() {
        return new ErrorBody(error, getMessage());
    }
}
