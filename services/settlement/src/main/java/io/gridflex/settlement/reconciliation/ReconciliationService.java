package io.gridflex.settlement.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.statement.Hashes;
import io.gridflex.settlement.statement.Statement;
import io.gridflex.settlement.statement.StatementRepository;
import io.gridflex.support.audit.Actor;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;

/**
 * Imports a utility's settlement file for a statement, compares it line by line and keeps the result (audited); lists
 * and reads what was imported. The API and the pages both go through here.
 */
@ApplicationScoped
public class ReconciliationService {

    /** A utility file larger than this is refused (about 80,000 rows of ordinary ids). */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private final StatementRepository statements;
    private final ReconciliationRepository repository;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Clock clock;

    public ReconciliationService(StatementRepository statements, ReconciliationRepository repository,
            Transactions transactions, AuditLog audit, Clock clock) {
        this.statements = statements;
        this.repository = repository;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** The stored comparison of {@code csv} with the statement; a 400 naming the line when the file is not right. */
    public Reconciliation reconcile(UUID statementId, String csv, Actor actor) {
        if (csv != null && csv.length() > MAX_BYTES) {
            throw ApiException.badRequest("invalid-file", "the file is larger than " + MAX_BYTES + " bytes");
        }
        UtilityFile file;
        try {
            file = UtilityFile.parse(csv);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-file", e.getMessage());
        }
        Instant now = clock.instant();
        return transactions.inTransaction(connection -> {
            Statement statement = statements.find(connection, statementId, true)
                    .orElseThrow(() -> ApiException.notFound("unknown-statement", "no statement " + statementId));
            Reconciliation reconciliation = Reconciliation.compare(UUID.randomUUID(), statement, file,
                    Hashes.sha256(csv), actor.name(), now);
            repository.insert(connection, reconciliation);
            audit.record(connection, actor, "statement.reconcile", "statement/" + statementId, null,
                    Map.of("reconciliationId", reconciliation.reconciliationId(), "rows",
                            reconciliation.utilityRows(), "differences", reconciliation.differences()),
                    now);
            return repository.find(connection, statementId, reconciliation.reconciliationId()).orElseThrow();
        });
    }

    /** The statement's reconciliations, newest first, without their lines; a 404 for an unknown statement. */
    public List<Reconciliation> list(UUID statementId) {
        return transactions.read(connection -> {
            if (statements.find(connection, statementId, false).isEmpty()) {
                throw ApiException.notFound("unknown-statement", "no statement " + statementId);
            }
            return repository.list(connection, statementId);
        });
    }

    /** One reconciliation with every line, differences first. */
    public Reconciliation find(UUID statementId, UUID reconciliationId) {
        return transactions.read(connection -> repository.find(connection, statementId, reconciliationId))
                .orElseThrow(() -> ApiException.notFound("unknown-reconciliation",
                        "statement " + statementId + " has no reconciliation " + reconciliationId));
    }
}
