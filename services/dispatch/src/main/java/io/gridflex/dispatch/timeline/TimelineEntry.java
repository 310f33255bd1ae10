package io.gridflex.dispatch.timeline;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One thing that happened to an event.
 *
 * @param at when
 * @param kind what
 * @param siteId the site concerned, or null when it concerns the whole event
 * @param summary one line for people
 * @param detail the figures, as JSON
 */
public record TimelineEntry(Instant at, TimelineKind kind, String siteId, String summary, JsonNode detail) {
}
