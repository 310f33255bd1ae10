package io.gridflex.settlement.schedule;

import java.time.Instant;

/**
 * A revision as stored, with when it arrived.
 *
 * @param revision the revision
 * @param receivedAt when settlement stored it
 */
public record StoredRevision(Revision revision, Instant receivedAt) {
}
