package io.gridflex.settlement.api;

/**
 * The body of every 4xx answer.
 *
 * @param error a short, stable code a client can branch on
 * @param detail what exactly was wrong, for a person
 */
public record ErrorBody(String error, String detail) {
}
