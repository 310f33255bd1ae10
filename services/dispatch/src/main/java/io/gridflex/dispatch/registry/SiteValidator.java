package io.gridflex.dispatch.registry;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a site definition before anything is stored: every field in range, the figures consistent with each
 * other (a site cannot shed more than it can import, nor be enrolled for more than it can shed). Unknown programs are
 * checked by the service, against the registry. Pure.
 */
final class SiteValidator {

    private SiteValidator() {
    }

    static void validate(SiteDraft draft, boolean update) {
        Problems problems = new Problems();
        problems.siteId("siteId", draft.siteId());
        problems.text("name", draft.name(), 256, true);
        problems.zone("timeZone", draft.timeZone());
        problems.kw("maxShedKw", draft.maxShedKw(), BigDecimal.ZERO, true);
        problems.kw("minMiningKw", draft.minMiningKw(), BigDecimal.ZERO, false);
        problems.kw("rampDownKwPerMin", draft.rampDownKwPerMin(), new BigDecimal("0.1"), false);
        problems.kw("rampUpKwPerMin", draft.rampUpKwPerMin(), new BigDecimal("0.1"), false);
        problems.kw("importLimitKw", draft.importLimitKw(), new BigDecimal("0.1"), true);
        problems.kw("datacentreCommittedKw", draft.datacentreCommittedKw(), BigDecimal.ZERO, false);
        problems.fraction("revenueShare", draft.revenueShare(), true);
        if (draft.priority() != null && (draft.priority() < 0 || draft.priority() > 1000)) {
            problems.add("priority: must be from 0 to 1000");
        }
        if (draft.owner() == null) {
            problems.add("owner: required (name and email)");
        } else {
            problems.text("owner.name", draft.owner().name(), 256, true);
            problems.email("owner.email", draft.owner().email());
        }
        if (draft.strikePricePerMwh() != null
                && (draft.strikePricePerMwh().abs().compareTo(new BigDecimal("100000")) > 0
                        || draft.strikePricePerMwh().stripTrailingZeros().scale() > 2)) {
            problems.add("strikePricePerMwh: within ±100000, at most two decimals");
        }
        if (draft.status() == SiteStatus.REMOVED) {
            problems.add("status: REMOVED is set by deleting the site");
        }
        if (update && draft.version() == null) {
            problems.add("version: required to update (the version you read)");
        }
        consistency(draft, problems);
        problems.throwIfAny("invalid-site");
    }

    private static void consistency(SiteDraft draft, Problems problems) {
        if (draft.maxShedKw() != null && draft.importLimitKw() != null
                && draft.maxShedKw().compareTo(draft.importLimitKw()) > 0) {
            problems.add("maxShedKw: a site cannot shed more than its import limit (" + draft.importLimitKw()
                    .toPlainString() + " kW)");
        }
        if (draft.datacentreCommittedKw() != null && draft.importLimitKw() != null
                && draft.datacentreCommittedKw().compareTo(draft.importLimitKw()) >= 0) {
            problems.add("datacentreCommittedKw: must leave room under the import limit for mining");
        }
        if (draft.enrollments() == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Enrollment enrollment : draft.enrollments()) {
            if (enrollment == null || enrollment.programId() == null) {
                problems.add("enrollments: each names a programId");
                continue;
            }
            if (!seen.add(enrollment.programId())) {
                problems.add("enrollments: program " + enrollment.programId() + " listed twice");
            }
            problems.kw("enrollments[" + enrollment.programId() + "].enrolledKw", enrollment.enrolledKw(),
                    new BigDecimal("0.1"), true);
            if (enrollment.enrolledKw() != null && draft.maxShedKw() != null
                    && enrollment.enrolledKw().compareTo(draft.maxShedKw()) > 0) {
                problems.add("enrollments[" + enrollment.programId() + "].enrolledKw: more than the site's maxShedKw");
            }
        }
    }
}
