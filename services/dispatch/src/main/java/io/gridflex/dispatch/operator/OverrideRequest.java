package io.gridflex.dispatch.operator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An operator's override of one site.
 *
 * @param kind SHED, HOLD or LIMIT
 * @param kw for SHED, the kW to hold off (all the site can when null); for LIMIT, the most it may shed; none for HOLD
 * @param until when it expires; overrides always do
 * @param reason why, for the audit log and the site's owner
 */
public record OverrideRequest(OverrideKind kind, BigDecimal kw, Instant until, String reason) {
}
