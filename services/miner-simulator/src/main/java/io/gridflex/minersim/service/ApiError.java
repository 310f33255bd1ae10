package io.gridflex.minersim.service;

/** The body of every 4xx answer. */
public record ApiError(String error, String detail) {
}
