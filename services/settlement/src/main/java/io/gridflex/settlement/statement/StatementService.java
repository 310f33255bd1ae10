package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.gridflex.settlement.terms.ProgramTerms;
import io.gridflex.settlement.terms.TermsInForce;
import io.gridflex.settlement.terms.TermsRepository;
import io.gridflex.support.audit.Actor;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;

/**
 * Prepares statements from what is stored, and walks them through review and approval. A statement is computed once,
 * when prepared, and stored with its lines; it is never recomputed in place. {@link #verify} recomputes it from the
 * stored inputs and says whether every line still gives the same figures.
 */
@ApplicationScoped
public class StatementService {

    /** The most versions of one program and period listed. */
    private static final int MAX_VERSIONS = 500;
    /** The longest reason for a correction or a rejection (the columns' width). */
    public static final int MAX_REASON = 2048;

    private final TermsRepository terms;
    private final LineComputation computation;
    private final StatementRepository statements;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Clock clock;

    public StatementService(TermsRepository terms, LineComputation computation, StatementRepository statements,
            Transactions transactions, AuditLog audit, Clock clock) {
        this.terms = terms;
        this.computation = computation;
        this.statements = statements;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new draft: version 1 of the period, or a correction (a later version, which needs a reason). */
    public Statement prepare(String program, LocalDate from, LocalDate to, String reason, Actor actor) {
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("invalid-period", "periodEnd " + to + " must be after periodStart " + from);
        }
        if (from.plusDays(366).isBefore(to)) {
            throw ApiException.badRequest("invalid-period", "a billing period is at most a year");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw ApiException.badRequest("reason-too-long", "a reason is at most " + MAX_REASON + " characters");
        }
        TermsInForce inForce = transactions.read(connection -> terms.all(connection, program));
        ProgramTerms programTerms = inForce.newest().orElseThrow(() -> ApiException.conflict("no-terms",
                "program '" + program + "' has no settlement terms yet: store them first"));
        List<ComputedLine> lines = computation.forPeriod(inForce, from, to, Map.of());
        Instant now = clock.instant();
        return transactions.inTransaction(connection -> {
            int version = statements.nextVersion(connection, program, from, to);
            if (version > 1 && (reason == null || reason.isBlank())) {
                throw ApiException.badRequest("reason-required", "version " + version + " of " + program + " "
                        + from + ".." + to + " corrects an earlier one: say why in 'reason'");
            }
            Statement statement = totals(UUID.randomUUID(), programTerms, from, to, version, reason, lines,
                    actor.name(), now);
            statements.insert(connection, statement, lines);
            audit.record(connection, actor, "statement.prepare", "statement/" + statement.statementId(), null,
                    summary(statement), now);
            return statements.find(connection, statement.statementId(), true).orElseThrow();
        });
    }

    /** Statements without their lines, newest period and version first; of one program when given. */
    public List<Statement> list(String program, int limit) {
        return transactions.read(connection -> statements.list(connection, program, limit));
    }

    /** A page of statements and how many match: see {@link StatementRepository#page}. */
    public record Listing(List<Statement> statements, long total, List<String> programs) {
    }

    /**
     * The statements of one program and status (each: all when null): how many there are, the page at
     * {@code offset} in the order {@code orderBy} (from {@link StatementRepository#SORTABLE}), and every program that has
     * statements (for the filter).
     */
    public Listing page(String program, Statement.Status status, String orderBy, int limit, long offset) {
        return transactions.read(connection -> {
            long total = statements.count(connection, program, status);
            long from = Math.min(offset, Math.max(0, (total - 1) / limit * limit));
            return new Listing(statements.page(connection, program, status, orderBy, limit, from), total,
                    statements.programs(connection));
        });
    }

    /** Every version of the statement's program and period (without lines), newest first. */
    public List<Statement> versions(Statement statement) {
        return list(statement.program(), MAX_VERSIONS).stream()
                .filter(v -> v.periodStart().equals(statement.periodStart())
                        && v.periodEnd().equals(statement.periodEnd()))
                .sorted(java.util.Comparator.comparingInt(Statement::version).reversed())
                .toList();
    }

    /** The statement with its lines, or a 404. */
    public Statement find(UUID id) {
        return transactions.read(connection -> statements.find(connection, id, true))
                .orElseThrow(() -> ApiException.notFound("unknown-statement", "no statement " + id));
    }

    /** DRAFT → REVIEWED or REVIEWED → APPROVED, by someone who did not prepare it. */
    public Statement advance(UUID id, Statement.Status to, Actor actor) {
        Instant now = clock.instant();
        return transactions.inTransaction(connection -> {
            Statement current = statements.find(connection, id, false)
                    .orElseThrow(() -> ApiException.notFound("unknown-statement", "no statement " + id));
            Statement.Status from = to == Statement.Status.REVIEWED
                    ? Statement.Status.DRAFT
                    : Statement.Status.REVIEWED;
            if (current.status() != from) {
                throw ApiException.conflict("wrong-status", "statement " + id + " is " + current.status()
                        + "; only a " + from + " statement can become " + to);
            }
            if (current.preparedBy().equals(actor.name())) {
                throw new ApiException(Response.Status.FORBIDDEN, "four-eyes",
                        actor.name() + " prepared statement " + id + " and may not also mark it " + to);
            }
            if (!statements.advance(connection, id, from, to, actor.name(), now)) {
                throw ApiException.conflict("wrong-status", "statement " + id + " changed meanwhile; read it again");
            }
            audit.record(connection, actor, "statement." + to.name().toLowerCase(), "statement/" + id,
                    current.status(), to, now);
            return statements.find(connection, id, true).orElseThrow();
        });
    }

    /**
     * DRAFT or REVIEWED → REJECTED, with the reason, by someone who did not prepare it. A rejected statement is final
     * and never paid; a correction (the next version) takes its place.
     */
    public Statement reject(UUID id, String reason, Actor actor) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("reason-required", "say why the statement is rejected in 'reason'");
        }
        if (reason.length() > MAX_REASON) {
            throw ApiException.badRequest("reason-too-long", "a reason is at most " + MAX_REASON + " characters");
        }
        Instant now = clock.instant();
        return transactions.inTransaction(connection -> {
            Statement current = statements.find(connection, id, false)
                    .orElseThrow(() -> ApiException.notFound("unknown-statement", "no statement " + id));
            if (current.status().isFinal()) {
                throw ApiException.conflict("wrong-status", "statement " + id + " is " + current.status()
                        + "; only a DRAFT or REVIEWED statement can be rejected");
            }
            if (current.preparedBy().equals(actor.name())) {
                throw new ApiException(Response.Status.FORBIDDEN, "four-eyes",
                        actor.name() + " prepared statement " + id + " and may not also mark it REJECTED");
            }
            if (!statements.reject(connection, id, actor.name(), now, reason.strip())) {
                throw ApiException.conflict("wrong-status", "statement " + id + " changed meanwhile; read it again");
            }
            audit.record(connection, actor, "statement.rejected", "statement/" + id,
                    Map.of("status", current.status()), Map.of("status", Statement.Status.REJECTED, "reason",
                            reason.strip()),
                    now);
            return statements.find(connection, id, true).orElseThrow();
        });
    }

    /**
     * Recomputes the statement from the stored inputs, each event's lines with the terms version they name (the
     * statement's for lines stored before lines named one; the version in force then for an event new since).
     */
    public Verification verify(UUID id) {
        Statement stored = transactions.read(connection -> statements.find(connection, id, true))
                .orElseThrow(() -> ApiException.notFound("unknown-statement", "no statement " + id));
        TermsInForce inForce = transactions.read(connection -> terms.all(connection, stored.program()));
        Map<String, Integer> used = new HashMap<>();
        stored.lines().forEach(line -> used.put(line.eventId(),
                line.termsVersion() == null ? stored.termsVersion() : line.termsVersion()));
        List<StatementLine> recomputed = computation.forPeriod(inForce, stored.periodStart(), stored.periodEnd(), used)
                .stream()
                .map(StatementLine::of)
                .toList();
        return Verification.compare(stored, recomputed);
    }

    private static Statement totals(UUID id, ProgramTerms programTerms, LocalDate from, LocalDate to, int version,
            String reason, List<ComputedLine> lines, String actor, Instant at) {
        BigDecimal delivered = new BigDecimal("0.000000");
        BigDecimal energy = new BigDecimal("0.00");
        BigDecimal capacity = energy;
        BigDecimal nonPerformance = energy;
        BigDecimal net = energy;
        BigDecimal owner = energy;
        BigDecimal aggregator = energy;
        StringBuilder hashes = new StringBuilder("terms v" + programTerms.version());
        for (ComputedLine line : lines) {
            if (line.performance() != null) {
                delivered = delivered.add(line.performance().deliveredMwh());
            }
            energy = energy.add(line.payment().energy());
            capacity = capacity.add(line.payment().capacity());
            nonPerformance = nonPerformance.add(line.payment().nonPerformance());
            net = net.add(line.payment().net());
            owner = owner.add(line.payment().owner());
            aggregator = aggregator.add(line.payment().aggregator());
            hashes.append('\n').append(line.eventId()).append(' ').append(line.siteId()).append(' ')
                    .append(line.inputsHash());
        }
        return new Statement(id, programTerms.program(), from, to, version, programTerms.version(),
                Statement.Status.DRAFT, reason, programTerms.currency(), delivered, energy, capacity, nonPerformance,
                net, owner, aggregator, Hashes.sha256(hashes.toString()), actor, at, null, null, null, null, null,
                List.of());
    }

    private static Object summary(Statement statement) {
        return Map.of("program", statement.program(), "period",
                statement.periodStart() + ".." + statement.periodEnd(), "version", statement.version(), "net",
                statement.net(), "reason", statement.reason() == null ? "" : statement.reason());
    }
}
