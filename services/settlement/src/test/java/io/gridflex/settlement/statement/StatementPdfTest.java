package io.gridflex.settlement.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDF is read back with a text extractor: what a reader (or a parser at the utility) finds on each page. */
class StatementPdfTest {

    @Test
    void everyLineTotalAndSignatureIsPrintedAndTheTableRunsOverPagesWithItsHeader() throws IOException {
        Statement statement = statement(Statement.Status.APPROVED, 150);

        try (PDDocument document = Loader.loadPDF(StatementPdf.of(statement))) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThanOrEqualTo(3);
            String all = new PDFTextStripper().getText(document);
            for (StatementLine line : statement.lines()) {
                assertThat(all).contains(line.eventId() + " " + line.siteId() + " " + line.status());
            }
            assertThat(all).contains("150 1234.567891") // lines and delivered MWh in the totals
                    .contains("-1500.00").contains("98765.43")
                    .contains("Billing period 2026-11-01 to 2026-11-30 (inclusive")
                    .contains("Prepared by alice at 2026-12-01 09:00:00 UTC")
                    .contains("reviewed by bob at 2026-12-01 10:00:00 UTC")
                    .contains("approved by bea at 2026-12-01 11:00:00 UTC")
                    .doesNotContain("NOT FOR PAYMENT");
            for (int page = 1; page <= pages; page++) {
                String text = page(document, page);
                assertThat(text).contains("Event Site Status")
                        .contains("page " + page + " of " + pages)
                        .contains("Statement " + statement.statementId() + " v2")
                        .contains("inputs SHA-256 " + statement.inputsHash());
            }
        }
    }

    @Test
    void aStatementNotYetApprovedSaysSoOnEveryPage() throws IOException {
        for (Statement.Status status : List.of(Statement.Status.DRAFT, Statement.Status.REVIEWED,
                Statement.Status.REJECTED)) {
            try (PDDocument document = Loader.loadPDF(StatementPdf.of(statement(status, 120)))) {
                assertThat(document.getNumberOfPages()).isGreaterThan(1);
                for (int page = 1; page <= document.getNumberOfPages(); page++) {
                    assertThat(page(document, page)).contains(status + " - NOT")
                            .contains("NOT FOR PAYMENT");
                }
                if (status == Statement.Status.REJECTED) {
                    assertThat(page(document, 1)).contains("Rejected by bea at").contains("wrong meter for site-3");
                }
            }
        }
    }

    @Test
    void problemsAreListedInFullAndUnprintableOrOverlongTextIsNeitherLostNorCut() throws IOException {
        String problem = "no baseline: only 2 of the 4 like days needed were metered (2026-11-03 low usage, "
                + "2026-11-04 an event day); the site is shown and not paid until its data is complete";
        List<StatementLine> lines = List.of(
                line("event-" + "x".repeat(200), "site-\u7ad9\u70b9-\u0000", "NO_BASELINE", problem),
                line("event-ok", "site-\u00e9t\u00e9", "COMPLETE", null));
        Statement statement = with(statement(Statement.Status.APPROVED, 0), lines);

        try (PDDocument document = Loader.loadPDF(StatementPdf.of(statement))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text.replaceAll("\\s+", " ")).contains("Lines with problems or notes (1)")
                    .contains("site-??-?")
                    .contains("no baseline: only 2 of the 4 like days needed were metered")
                    .contains("not paid until its data is complete")
                    .contains("site-\u00e9t\u00e9");
            // The 200-character id runs on over several lines of its cell and of the problem, none of it cut.
            assertThat(text).doesNotContain("...");
            assertThat(text.chars().filter(c -> c == 'x').count()).isEqualTo(2 * 200);
        }
    }

    @Test
    void theFileNameKeepsOnlySafeCharacters() {
        Statement statement = statement(Statement.Status.DRAFT, 0);
        Statement odd = new Statement(statement.statementId(), "prog \"a\"/../b", statement.periodStart(),
                statement.periodEnd(), 3, 1, statement.status(), null, "USD", null, null, null, null, null, null, null,
                "h", "alice", statement.preparedAt(), null, null, null, null, null, List.of());
        assertThat(StatementPdf.fileName(odd, "pdf")).isEqualTo("statement-prog__a__.._b-2026-11-01-v3.pdf");
    }

    private static String page(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }

    private static Statement statement(Statement.Status status, int lineCount) {
        List<StatementLine> lines = new ArrayList<>();
        for (int i = 0; i < lineCount; i++) {
            lines.add(line("event-" + i, "site-" + (i % 7), "COMPLETE", null));
        }
        Instant prepared = Instant.parse("2026-12-01T09:00:00Z");
        boolean reviewed = status != Statement.Status.DRAFT;
        boolean approved = status == Statement.Status.APPROVED;
        return new Statement(UUID.fromString("7d1f0c9e-2a4b-4c6d-8e0f-1a2b3c4d5e6f"), "pjm-elrp",
                LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-01"), 2, 1, status, "late meter data",
                "USD", new BigDecimal("1234.567891"), new BigDecimal("98765.43"), new BigDecimal("500.00"),
                new BigDecimal("-1500.00"), new BigDecimal("97765.43"), new BigDecimal("78212.34"),
                new BigDecimal("19553.09"), "ab".repeat(32), "alice", prepared, reviewed ? "bob" : null,
                reviewed ? prepared.plusSeconds(3600) : null, approved ? "bea" : null,
                approved ? prepared.plusSeconds(7200) : null,
                status == Statement.Status.REJECTED
                        ? new Statement.Rejection("bea", prepared.plusSeconds(7200), "wrong meter for site-3")
                        : null,
                lines);
    }

    private static Statement with(Statement s, List<StatementLine> lines) {
        return new Statement(s.statementId(), s.program(), s.periodStart(), s.periodEnd(), s.version(),
                s.termsVersion(), s.status(), s.reason(), s.currency(), s.deliveredMwh(), s.energy(), s.capacity(),
                s.nonPerformance(), s.net(), s.owner(), s.aggregator(), s.inputsHash(), s.preparedBy(),
                s.preparedAt(), s.reviewedBy(), s.reviewedAt(), s.approvedBy(), s.approvedAt(), s.rejection(), lines);
    }

    private static StatementLine line(String event, String site, String status, String problem) {
        boolean figures = problem == null;
        return new StatementLine(event, site, 1, status, problem, "HIGH_4_OF_5", 1, Map.of(), "cd".repeat(32),
                new BigDecimal("2.5"), figures ? new BigDecimal("4.125000") : null,
                figures ? new BigDecimal("5.000000") : null, figures ? new BigDecimal("0.875000") : null,
                figures ? new BigDecimal("0.8250") : null, new BigDecimal("0.80"), new BigDecimal("412.50"),
                new BigDecimal("100.00"), new BigDecimal("-20.00"), new BigDecimal("492.50"),
                new BigDecimal("394.00"), new BigDecimal("98.50"));
    }
}
