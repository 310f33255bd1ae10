package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A versioned settlement statement of one program for one billing period ({@code [periodStart, periodEnd)}, days in
 * the program's time zone). Lines are absent from list views.
 */
public record Statement(
        UUID statementId,
        String program,
        LocalDate periodStart,
        LocalDate periodEnd,
        int version,
        int termsVersion,
        Status status,
        String reason,
        String currency,
        BigDecimal deliveredMwh,
        BigDecimal energy,
        BigDecimal capacity,
        BigDecimal nonPerformance,
        BigDecimal net,
        BigDecimal owner,
        BigDecimal aggregator,
        String inputsHash,
        String preparedBy,
        Instant preparedAt,
        String reviewedBy,
        Instant reviewedAt,
        String approvedBy,
        Instant approvedAt,
        Rejection rejection,
        List<StatementLine> lines) {

    public enum Status {

        DRAFT,
        REVIEWED,
        APPROVED,
        /** Refused by a reviewer, with the reason: final and never paid; a correction takes its place. */
        REJECTED;

        /** Whether the statement is final: approved or rejected, it never changes again. */
        public boolean isFinal() {
            return this == APPROVED || this == REJECTED;
        }
    }

    /** Who rejected the statement, when and why. */
    public record Rejection(String by, Instant at, String reason) {
    }
}
