package io.gridflex.dispatch.live;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The closed loop's finding that a site delivers less than it was given: until {@code until}, it is counted on for no
 * more than {@code kw}.
 *
 * @param siteId the site
 * @param kw what it delivered when it fell short
 * @param since when the loop found it
 * @param until when the finding lapses (the end of what the site was asked to do)
 * @param reason for people
 */
public record Derate(String siteId, BigDecimal kw, Instant since, Instant until, String reason) {
}
