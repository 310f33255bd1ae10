package io.gridflex.support.audit;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change in the audit log.
 *
 * @param entryId increasing
 * @param at when
 * @param actor who
 * @param action what kind of change ({@code site.create}, {@code override.create}, ...)
 * @param target what it changed ({@code site/<id>}, {@code program/<id>}, ...)
 * @param detail the state before and after
 */
public record AuditEntry(long entryId, Instant at, String actor, String action, String target, JsonNode detail) {
}
