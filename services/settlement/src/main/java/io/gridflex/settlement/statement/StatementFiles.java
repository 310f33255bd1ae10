package io.gridflex.settlement.statement;

import jakarta.ws.rs.core.Response;

/** A statement as a downloaded file, the same for the API and the web pages. */
public final class StatementFiles {

    private StatementFiles() {
    }

    /** Its lines as CSV, named after the program, period and version. */
    public static Response csv(Statement statement) {
        return Response.ok(StatementCsv.of(statement), "text/csv")
                .header("Content-Disposition", attachment(statement, "csv"))
                .build();
    }

    /** The printable PDF. */
    public static Response pdf(Statement statement) {
        return Response.ok(StatementPdf.of(statement), "application/pdf")
                .header("Content-Disposition", attachment(statement, "pdf"))
                .build();
    }

    private static String attachment(Statement statement, String extension) {
        return "attachment; filename=\"" + StatementPdf.fileName(statement, extension) + "\"";
    }
}
