package io.gridflex.dispatch.registry;

import java.math.BigDecimal;
import java.util.List;

/**
 * A site as an operator submits it. Optional fields may be left out; {@code version} is required to update (the
 * version read), and ignored on create.
 */
public record SiteDraft(
        String siteId,
        String name,
        String timeZone,
        BigDecimal maxShedKw,
        BigDecimal minMiningKw,
        BigDecimal rampDownKwPerMin,
        BigDecimal rampUpKwPerMin,
        Integer priority,
        BigDecimal revenueShare,
        Owner owner,
        BigDecimal importLimitKw,
        BigDecimal datacentreCommittedKw,
        BigDecimal strikePricePerMwh,
        SiteStatus status,
        List<Enrollment> enrollments,
        Long version) {
}
