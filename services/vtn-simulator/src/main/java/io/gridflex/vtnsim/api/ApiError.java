package io.gridflex.vtnsim.api;

/** The body of every 4xx answer of the admin API: a short machine-readable error and a sentence for people. */
public record ApiError(String error, String detail) {
}
