package io.gridflex.dispatch.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A mining site as operators registered it.
 *
 * @param siteId stable id; the site's agent reports under it
 * @param name for people
 * @param timeZone the site's IANA time zone
 * @param maxShedKw the most the site may ever be asked to shed
 * @param minMiningKw mining load that always keeps running
 * @param rampDownKwPerMin how fast it can shed; null when as fast as its agent can
 * @param rampUpKwPerMin how fast it can restore; null when as fast as its agent's staged restore allows
 * @param priority lower is dispatched first
 * @param revenueShare the owner's share of what the site earns, 0 to 1
 * @param owner who owns it
 * @param importLimitKw the site's grid import limit
 * @param datacentreCommittedKw draw a co-located data centre is committed to (0 without one)
 * @param strikePricePerMwh break-even electricity price; null: computed from efficiency and hash price
 * @param status whether it is dispatched
 * @param enrollments the programs it takes part in
 * @param version increases with every change; an update must name the version it changes
 * @param createdAt when it was registered
 * @param createdBy who registered it
 * @param updatedAt when it last changed
 * @param updatedBy who changed it last
 */
public record Site(
        String siteId,
        String name,
        String timeZone,
        BigDecimal maxShedKw,
        BigDecimal minMiningKw,
        BigDecimal rampDownKwPerMin,
        BigDecimal rampUpKwPerMin,
        int priority,
        BigDecimal revenueShare,
        Owner owner,
        BigDecimal importLimitKw,
        BigDecimal datacentreCommittedKw,
        BigDecimal strikePricePerMwh,
        SiteStatus status,
        List<Enrollment> enrollments,
        long version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    public Site {
        enrollments = List.copyOf(enrollments);
    }

    public Optional<BigDecimal> enrolledKw(String programId) {
        return enrollments.stream().filter(e -> e.programId().equals(programId)).map(Enrollment::enrolledKw)
                .findFirst();
    }

    Site withEnrollments(List<Enrollment> replaced) {
        return new Site(siteId, name, timeZone, maxShedKw, minMiningKw, rampDownKwPerMin, rampUpKwPerMin, priority,
                revenueShare, owner, importLimitKw, datacentreCommittedKw, strikePricePerMwh, status, replaced,
                version, createdAt, createdBy, updatedAt, updatedBy);
    }
}
