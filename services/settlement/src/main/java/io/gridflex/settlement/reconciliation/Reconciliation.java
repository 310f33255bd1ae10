package io.gridflex.settlement.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gridflex.settlement.reconciliation.ReconciliationLine.Outcome;
import io.gridflex.settlement.statement.Statement;
import io.gridflex.settlement.statement.StatementLine;

/**
 * A statement against the utility's file: every line of either, with its outcome. Figures the file does not carry are
 * not compared; a figure compares equal when it is the same number, whatever its trailing zeros.
 *
 * @param differences lines whose outcome is not MATCH
 */
public record Reconciliation(UUID reconciliationId, UUID statementId, String fileSha256, String importedBy,
        Instant importedAt, int utilityRows, int differences, List<ReconciliationLine> lines) {

    static Reconciliation compare(UUID id, Statement statement, UtilityFile file, String sha256, String actor,
            Instant at) {
        Map<String, StatementLine> ours = new LinkedHashMap<>();
        statement.lines().forEach(line -> ours.put(line.eventId() + "\n" + line.siteId(), line));
        List<ReconciliationLine> lines = new ArrayList<>();
        for (UtilityFile.Row row : file.rows()) {
            StatementLine our = ours.remove(row.eventId() + "\n" + row.siteId());
            if (our == null) {
                lines.add(ReconciliationLine.of(row.eventId(), row.siteId(), Outcome.ONLY_UTILITY, null,
                        row.deliveredMwh(), null, row.amount()));
                continue;
            }
            boolean same = (!file.hasDelivered() || equal(our.deliveredMwh(), row.deliveredMwh()))
                    && (!file.hasAmount() || equal(our.net(), row.amount()));
            lines.add(ReconciliationLine.of(row.eventId(), row.siteId(), same ? Outcome.MATCH : Outcome.DIFFERENT,
                    our.deliveredMwh(), row.deliveredMwh(), our.net(), row.amount()));
        }
        ours.values().forEach(our -> lines.add(ReconciliationLine.of(our.eventId(), our.siteId(), Outcome.ONLY_OURS,
                our.deliveredMwh(), null, our.net(), null)));
        int differences = (int) lines.stream().filter(line -> line.outcome() != Outcome.MATCH).count();
        return new Reconciliation(id, statement.statementId(), sha256, actor, at, file.rows().size(), differences,
                lines);
    }

    private static boolean equal(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
