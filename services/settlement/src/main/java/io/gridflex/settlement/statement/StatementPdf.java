package io.gridflex.settlement.statement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * A statement as a printable PDF (A4 landscape): who prepared, reviewed and approved it, the totals, every line, the
 * problems and notes of lines, and on every page the statement's id, version and inputs hash. A statement
 * not yet approved says so on every page, so a draft is never mistaken for one to pay. The figures are the stored
 * ones, printed as they are (no rounding here).
 */
final class StatementPdf {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final List<PdfPages.Column> COLUMNS = List.of(
            PdfPages.Column.left("Event", 122),
            PdfPages.Column.left("Site", 100),
            PdfPages.Column.left("Status", 62),
            PdfPages.Column.right("Commit. MW", 56),
            PdfPages.Column.right("Deliv. MWh", 52),
            PdfPages.Column.right("Factor", 38),
            PdfPages.Column.right("Energy", 52),
            PdfPages.Column.right("Capacity", 52),
            PdfPages.Column.right("Non-perf.", 52),
            PdfPages.Column.right("Net", 56),
            PdfPages.Column.right("Owner", 56),
            PdfPages.Column.right("Aggregator", 56));

    private StatementPdf() {
    }

    static byte[] of(Statement statement) {
        try (PDDocument document = new PDDocument()) {
            describe(document, statement);
            PdfPages pages = new PdfPages(document, banner(statement));
            heading(pages, statement);
            totals(pages, statement);
            pages.gap();
            pages.table(COLUMNS, statement.lines().stream().map(StatementPdf::cells).toList());
            problems(pages, statement);
            pages.finish("Statement " + statement.statementId() + " v" + statement.version() + "  |  inputs SHA-256 "
                    + statement.inputsHash());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the statement's PDF failed", e);
        }
    }

    /** The name of a statement's export file, with the extension given. */
    static String fileName(Statement statement, String extension) {
        String program = statement.program().replaceAll("[^A-Za-z0-9._-]", "_");
        return "statement-" + program + "-" + statement.periodStart() + "-v" + statement.version() + "." + extension;
    }

    private static void describe(PDDocument document, Statement statement) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("Settlement statement " + statement.program() + " " + statement.periodStart() + " v"
                + statement.version());
        info.setProducer("GridFlex settlement");
        // The statement's own time, not the export's: the same statement gives the same document.
        Calendar prepared = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        prepared.setTimeInMillis(statement.preparedAt().toEpochMilli());
        info.setCreationDate(prepared);
    }

    private static String banner(Statement statement) {
        return switch (statement.status()) {
            case DRAFT -> "DRAFT - NOT APPROVED, NOT FOR PAYMENT";
            case REVIEWED -> "REVIEWED - NOT YET APPROVED, NOT FOR PAYMENT";
            case APPROVED -> null;
            case REJECTED -> "REJECTED - NOT FOR PAYMENT";
        };
    }

    private static void heading(PdfPages pages, Statement statement) throws IOException {
        pages.title("Settlement statement - program " + statement.program());
        pages.text("Billing period " + statement.periodStart() + " to " + statement.periodEnd().minusDays(1)
                + " (inclusive, days in the program's time zone)  |  version " + statement.version()
                + "  |  terms version " + statement.termsVersion() + "  |  status " + statement.status()
                + "  |  currency " + statement.currency());
        if (statement.reason() != null) {
            pages.text("Correction: " + statement.reason());
        }
        pages.text("Prepared by " + statement.preparedBy() + " at " + when(statement.preparedAt())
                + signature("reviewed", statement.reviewedBy(), statement.reviewedAt())
                + signature("approved", statement.approvedBy(), statement.approvedAt()));
        if (statement.rejection() != null) {
            pages.text("Rejected by " + statement.rejection().by() + " at " + when(statement.rejection().at()) + ": "
                    + statement.rejection().reason());
        }
    }

    private static String signature(String what, String by, Instant at) {
        return by == null ? "  |  not " + what : "  |  " + what + " by " + by + " at " + when(at);
    }

    private static void totals(PdfPages pages, Statement statement) throws IOException {
        pages.gap();
        pages.bold("Totals (" + statement.currency() + ")");
        List<PdfPages.Column> columns = List.of(PdfPages.Column.left("Lines", 60),
                PdfPages.Column.right("Delivered MWh", 80), PdfPages.Column.right("Energy", 90),
                PdfPages.Column.right("Capacity", 90), PdfPages.Column.right("Non-performance", 90),
                PdfPages.Column.right("Net", 90), PdfPages.Column.right("Owners", 90),
                PdfPages.Column.right("Aggregator", 90));
        pages.table(columns, List.of(List.of(String.valueOf(statement.lines().size()),
                plain(statement.deliveredMwh()), plain(statement.energy()), plain(statement.capacity()),
                plain(statement.nonPerformance()), plain(statement.net()), plain(statement.owner()),
                plain(statement.aggregator()))));
    }

    private static List<String> cells(StatementLine line) {
        return List.of(line.eventId(), line.siteId(), line.status(), plain(line.committedMw()),
                plain(line.deliveredMwh()), plain(line.factor()), plain(line.energy()), plain(line.capacity()),
                plain(line.nonPerformance()), plain(line.net()), plain(line.owner()), plain(line.aggregator()));
    }

    private static void problems(PdfPages pages, Statement statement) throws IOException {
        List<StatementLine> withProblems = new ArrayList<>();
        statement.lines().stream().filter(line -> line.problem() != null).forEach(withProblems::add);
        if (withProblems.isEmpty()) {
            return;
        }
        pages.gap();
        pages.bold("Lines with problems or notes (" + withProblems.size() + ")");
        for (StatementLine line : withProblems) {
            pages.text("Event " + line.eventId() + " at site " + line.siteId() + " (" + line.status() + "): "
                    + line.problem());
        }
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }
}
