package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A statement's lines as CSV (RFC 4180: comma separated, CRLF, quotes doubled), with a header row. */
final class StatementCsv {

    private static final List<String> HEADER = List.of("statement_id", "program", "period_start", "period_end",
            "version", "status", "currency", "event_id", "site_id", "terms_version", "line_status", "problem", "method",
            "method_version", "committed_mw", "delivered_mwh", "committed_mwh", "shortfall_mwh", "factor",
            "owner_share", "energy", "capacity", "non_performance", "net", "owner", "aggregator", "inputs_hash");

    private StatementCsv() {
    }

    static String of(Statement statement) {
        StringBuilder csv = new StringBuilder(row(HEADER.stream()));
        for (StatementLine line : statement.lines()) {
            csv.append(row(Stream.of(statement.statementId(), statement.program(), statement.periodStart(),
                    statement.periodEnd(), statement.version(), statement.status(), statement.currency(),
                    line.eventId(), line.siteId(),
                    line.termsVersion() == null ? statement.termsVersion() : line.termsVersion(), line.status(),
                    line.problem(), line.method(), line.methodVersion(),
                    line.committedMw(), line.deliveredMwh(), line.committedMwh(), line.shortfallMwh(), line.factor(),
                    line.ownerShare(), line.energy(), line.capacity(), line.nonPerformance(), line.net(), line.owner(),
                    line.aggregator(), line.inputsHash())));
        }
        return csv.toString();
    }

    private static String row(Stream<?> values) {
        return values.map(StatementCsv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
        if (!text.isEmpty() && "=+@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.matches(".*[\",\r\n].*") || text.contains("\n")
                ? '"' + text.replace("\"", "\"\"") + '"'
                : text;
    }
}
