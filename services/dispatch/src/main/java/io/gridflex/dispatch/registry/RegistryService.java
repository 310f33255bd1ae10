package io.gridflex.dispatch.registry;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.gridflex.dispatch.db.AllocationLock;
import io.gridflex.dispatch.event.Reallocation;
import io.gridflex.dispatch.schedule.Publication;
import io.gridflex.support.audit.Actor;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;

/**
 * The fleet registry as operators change it. Every change is validated whole before anything is stored, written with
 * its audit entry in one transaction, and followed by a re-allocation of the events at the sites it affects, so a
 * site suspended, removed or given a lower limit is never left committed beyond what it may now do.
 */
@ApplicationScoped
public class RegistryService {

    private final SiteRepository sites;
    private final ProgramRepository programs;
    private final TargetRepository targets;
    private final AuditLog audit;
    private final Reallocation reallocation;
    private final Transactions transactions;
    private final Publication publication;
    private final Event<SiteRegistryChange> changes;
    private final Clock clock;

    public RegistryService(SiteRepository sites, ProgramRepository programs, TargetRepository targets,
            AuditLog audit, Reallocation reallocation, Transactions transactions, Publication publication,
            Event<SiteRegistryChange> changes, Clock clock) {
        this.changes = changes;
        this.sites = sites;
        this.programs = programs;
        this.targets = targets;
        this.audit = audit;
        this.reallocation = reallocation;
        this.transactions = transactions;
        this.publication = publication;
        this.clock = clock;
    }

    // ---- sites -------------------------------------------------------------------------------------------------

    public List<Site> sites(boolean includeRemoved) {
        return transactions.read(connection -> sites.list(connection, includeRemoved));
    }

    public Optional<Site> site(String siteId) {
        return transactions.read(connection -> sites.find(connection, siteId));
    }

    public Site createSite(SiteDraft draft, Actor actor) {
        SiteValidator.validate(draft, false);
        Site created = transactions.inTransaction(connection -> {
            Instant now = clock.instant();
            if (sites.find(connection, draft.siteId()).isPresent()) {
                throw ApiException.conflict("site-exists", "site " + draft.siteId() + " is already registered");
            }
            requirePrograms(connection, draft.enrollments());
            Site site = fromDraft(draft, 1, now, actor.name(), now, actor.name());
            sites.insert(connection, site);
            audit.record(connection, actor, "site.create", "site/" + site.siteId(), null, site, now);
            return site;
        });
        changes.fire(new SiteRegistryChange(created.siteId(), false));
        return created;
    }

    public Site updateSite(String siteId, SiteDraft draft, Actor actor) {
        if (draft.siteId() != null && !draft.siteId().equals(siteId)) {
            throw ApiException.badRequest("invalid-site", "siteId: the body names " + draft.siteId()
                    + ", the path " + siteId + " (a site's id never changes)");
        }
        SiteDraft named = withId(draft, siteId);
        SiteValidator.validate(named, true);
        Site updated = publication.inTransaction(connection -> {
            Instant now = clock.instant();
            AllocationLock.acquire(connection);
            Site current = sites.lock(connection, siteId).filter(s -> s.status() != SiteStatus.REMOVED)
                    .orElseThrow(() -> unknownSite(siteId));
            requireVersion(current.version(), named.version(), "site " + siteId);
            requirePrograms(connection, named.enrollments());
            Site site = fromDraft(named, current.version() + 1, current.createdAt(), current.createdBy(), now,
                    actor.name());
            sites.update(connection, site);
            targets.forgetSite(connection, siteId, site.enrollments().stream().map(Enrollment::programId).toList());
            audit.record(connection, actor, "site.update", "site/" + siteId, current, site, now);
            reallocation.atSites(connection, List.of(siteId), now, "registry change of site " + siteId);
            return site;
        });
        return updated;
    }

    /** Removes a site: it takes no share any more, its events move to other sites, its telemetry is refused. */
    public Site removeSite(String siteId, Actor actor) {
        Site removed = publication.inTransaction(connection -> {
            Instant now = clock.instant();
            AllocationLock.acquire(connection);
            Site current = sites.lock(connection, siteId).filter(s -> s.status() != SiteStatus.REMOVED)
                    .orElseThrow(() -> unknownSite(siteId));
            Site site = new Site(current.siteId(), current.name(), current.timeZone(), current.maxShedKw(),
                    current.minMiningKw(), current.rampDownKwPerMin(), current.rampUpKwPerMin(), current.priority(),
                    current.revenueShare(), current.owner(), current.importLimitKw(),
                    current.datacentreCommittedKw(), current.strikePricePerMwh(), SiteStatus.REMOVED, List.of(),
                    current.version() + 1, current.createdAt(), current.createdBy(), now, actor.name());
            sites.update(connection, site);
            targets.forgetSite(connection, siteId, List.of());
            audit.record(connection, actor, "site.remove", "site/" + siteId, current, site, now);
            reallocation.atSites(connection, List.of(siteId), now, "registry removal of site " + siteId);
            return site;
        });
        changes.fire(new SiteRegistryChange(siteId, true));
        return removed;
    }

    // ---- programs ----------------------------------------------------------------------------------------------

    public List<Program> programs() {
        return transactions.read(programs::list);
    }

    public Optional<Program> program(String programId) {
        return transactions.read(connection -> programs.find(connection, programId));
    }

    public Program createProgram(ProgramDraft draft, Actor actor) {
        ProgramValidator.validate(draft, false);
        return transactions.inTransaction(connection -> {
            Instant now = clock.instant();
            if (programs.find(connection, draft.programId()).isPresent()) {
                throw ApiException.conflict("program-exists", "program " + draft.programId() + " is already "
                        + "registered");
            }
            Program program = fromDraft(draft, 1, now, actor.name(), now, actor.name());
            programs.insert(connection, program);
            audit.record(connection, actor, "program.create", "program/" + program.programId(), null, program, now);
            return program;
        });
    }

    public Program updateProgram(String programId, ProgramDraft draft, Actor actor) {
        if (draft.programId() != null && !draft.programId().equals(programId)) {
            throw ApiException.badRequest("invalid-program", "programId: the body names " + draft.programId()
                    + ", the path " + programId);
        }
        ProgramDraft named = new ProgramDraft(programId, draft.name(), draft.marketContext(), draft.vtnId(),
                draft.levelShares(), draft.overDeliveryMargin(), draft.currency(), draft.timeZone(), draft.version());
        ProgramValidator.validate(named, true);
        return transactions.inTransaction(connection -> {
            Instant now = clock.instant();
            Program current = programs.lock(connection, programId).orElseThrow(() -> unknownProgram(programId));
            requireVersion(current.version(), named.version(), "program " + programId);
            Program program = fromDraft(named, current.version() + 1, current.createdAt(), current.createdBy(), now,
                    actor.name());
            programs.update(connection, program);
            audit.record(connection, actor, "program.update", "program/" + programId, current, program, now);
            return program;
        });
    }

    public void deleteProgram(String programId, Actor actor) {
        transactions.inTransaction(connection -> {
            Instant now = clock.instant();
            Program current = programs.lock(connection, programId).orElseThrow(() -> unknownProgram(programId));
            if (sites.anyEnrolledIn(connection, programId)) {
                throw ApiException.conflict("program-in-use", "sites are enrolled in program " + programId
                        + "; withdraw them first");
            }
            for (TargetMapping mapping : targets.forProgram(connection, programId)) {
                targets.delete(connection, programId, mapping.kind(), mapping.targetId());
            }
            programs.delete(connection, programId);
            audit.record(connection, actor, "program.delete", "program/" + programId, current, null, now);
            return null;
        });
    }

    // ---- OpenADR targets ---------------------------------------------------------------------------------------

    public List<TargetMapping> targets(String programId) {
        return transactions.read(connection -> {
            programs.find(connection, programId).orElseThrow(() -> unknownProgram(programId));
            return targets.forProgram(connection, programId);
        });
    }

    public TargetMapping putTarget(String programId, TargetKind kind, String targetId, List<String> siteIds,
            Actor actor) {
        Problems problems = new Problems();
        problems.text("targetId", targetId, 256, true);
        if (siteIds == null || siteIds.isEmpty()) {
            problems.add("siteIds: at least one site");
        }
        problems.throwIfAny("invalid-target");
        TargetMapping mapping = new TargetMapping(programId, kind, targetId, List.copyOf(new TreeSet<>(siteIds)));
        return transactions.inTransaction(connection -> {
            Instant now = clock.instant();
            programs.find(connection, programId).orElseThrow(() -> unknownProgram(programId));
            Set<String> enrolled = new TreeSet<>(sites.activeIn(connection, programId));
            List<String> strangers = new ArrayList<>(mapping.siteIds().stream().filter(s -> !enrolled.contains(s))
                    .toList());
            if (!strangers.isEmpty()) {
                throw ApiException.badRequest("invalid-target", "siteIds: " + strangers
                        + " are not active sites enrolled in program " + programId);
            }
            List<TargetMapping> before = targets.forProgram(connection, programId).stream()
                    .filter(t -> t.kind() == kind && t.targetId().equals(targetId)).toList();
            targets.replace(connection, mapping);
            audit.record(connection, actor, "target.put", target(programId, kind, targetId),
                    before.isEmpty() ? null : before.getFirst(), mapping, now);
            return mapping;
        });
    }

    public void deleteTarget(String programId, TargetKind kind, String targetId, Actor actor) {
        transactions.inTransaction(connection -> {
            Instant now = clock.instant();
            if (!targets.delete(connection, programId, kind, targetId)) {
                throw ApiException.notFound("unknown-target", "program " + programId + " has no " + kind + " "
                        + targetId);
            }
            audit.record(connection, actor, "target.delete", target(programId, kind, targetId), null, null, now);
            return null;
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void requirePrograms(Connection connection, List<Enrollment> enrollments) throws SQLException {
        if (enrollments == null) {
            return;
        }
        List<String> unknown = new ArrayList<>();
        for (Enrollment enrollment : enrollments) {
            if (programs.find(connection, enrollment.programId()).isEmpty()) {
                unknown.add(enrollment.programId());
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("invalid-site", "enrollments: no program " + String.join(", ", unknown));
        }
    }

    private static void requireVersion(long current, Long given, String what) {
        if (given == null || given != current) {
            throw ApiException.conflict("stale-version", what + " is at version " + current + ", not " + given
                    + "; read it again and re-apply the change");
        }
    }

    private static Site fromDraft(SiteDraft d, long version, Instant createdAt, String createdBy, Instant updatedAt,
            String updatedBy) {
        return new Site(d.siteId(), d.name().strip(), d.timeZone(), d.maxShedKw(), zeroIfNull(d.minMiningKw()),
                d.rampDownKwPerMin(), d.rampUpKwPerMin(), d.priority() == null ? 100 : d.priority(),
                d.revenueShare(), new Owner(d.owner().name().strip(), d.owner().email().strip()), d.importLimitKw(),
                zeroIfNull(d.datacentreCommittedKw()), d.strikePricePerMwh(),
                d.status() == null ? SiteStatus.ACTIVE : d.status(),
                d.enrollments() == null ? List.of() : d.enrollments(), version, createdAt, createdBy, updatedAt,
                updatedBy);
    }

    private static Program fromDraft(ProgramDraft d, long version, Instant createdAt, String createdBy,
            Instant updatedAt, String updatedBy) {
        return new Program(d.programId(), d.name().strip(), blankToNull(d.marketContext()), blankToNull(d.vtnId()),
                d.levelShares(), d.overDeliveryMargin() == null ? BigDecimal.ZERO : d.overDeliveryMargin(),
                d.currency(), d.timeZone(), version, createdAt, createdBy, updatedAt, updatedBy);
    }

    private static SiteDraft withId(SiteDraft d, String siteId) {
        return new SiteDraft(siteId, d.name(), d.timeZone(), d.maxShedKw(), d.minMiningKw(), d.rampDownKwPerMin(),
                d.rampUpKwPerMin(), d.priority(), d.revenueShare(), d.owner(), d.importLimitKw(),
                d.datacentreCommittedKw(), d.strikePricePerMwh(), d.status(), d.enrollments(), d.version());
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String target(String programId, TargetKind kind, String targetId) {
        return "program/" + programId + "/" + kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + targetId;
    }

    static ApiException unknownSite(String siteId) {
        return ApiException.notFound("unknown-site", "no site " + siteId);
    }

    static ApiException unknownProgram(String programId) {
        return ApiException.notFound("unknown-program", "no program " + programId);
    }
}
