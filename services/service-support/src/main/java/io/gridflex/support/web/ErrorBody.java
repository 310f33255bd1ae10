package io.gridflex.support.web;

/**
 * The body of every 4xx answer.
 *
 * @param error short machine-readable kind of problem
 * @param detail what exactly was wrong, for a human
 */
public record ErrorBody(String error, String detail) {
}
