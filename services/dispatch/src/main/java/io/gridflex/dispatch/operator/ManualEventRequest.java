package io.gridflex.dispatch.operator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An operator's manual test event: the fleet really sheds, and it is never billed.
 *
 * @param programId allocate among this program's sites, with its terms; or null to name the sites
 * @param siteIds without a program, the sites to test (all active sites when empty)
 * @param reductionKw what to shed across them
 * @param start when; now when null
 * @param durationSeconds how long
 * @param reason why, for the audit log
 */
public record ManualEventRequest(String programId, List<String> siteIds, BigDecimal reductionKw, Instant start,
        Long durationSeconds, String reason) {
}
