package io.gridflex.settlement.reconciliation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.gridflex.settlement.api.Csv;
import io.gridflex.settlement.api.Ids;

/**
 * The utility's settlement file: CSV with a header row naming {@code event_id}, {@code site_id} and at least one of
 * {@code delivered_mwh} and {@code amount} (what the utility pays for the line, in the statement's currency), in any
 * order and any case; other columns are ignored. Every problem is refused with its line.
 */
record UtilityFile(boolean hasDelivered, boolean hasAmount, List<Row> rows) {

    static final int MAX_ROWS = 100_000;

    /** One row: a figure the file does not carry is null. */
    record Row(int line, String eventId, String siteId, BigDecimal deliveredMwh, BigDecimal amount) {
    }

    static UtilityFile parse(String text) {
        Csv.Table table = Csv.table(text);
        int event = table.column("event_id");
        int site = table.column("site_id");
        int delivered = table.column("delivered_mwh");
        int amount = table.column("amount");
        if (event < 0 || site < 0 || (delivered < 0 && amount < 0)) {
            throw new IllegalArgumentException("line 1: the header must name event_id, site_id and delivered_mwh "
                    + "or amount; it names " + table.header());
        }
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Csv.Record record : table.rows(MAX_ROWS)) {
            List<String> fields = table.fields(record);
            String eventId = id(record, "event", fields.get(event));
            String siteId = id(record, "site", fields.get(site));
            if (!seen.add(eventId + "\n" + siteId)) {
                throw new IllegalArgumentException("line " + record.line() + ": event " + eventId + " at site "
                        + siteId + " appears twice");
            }
            rows.add(new Row(record.line(), eventId, siteId, decimal(record, "delivered_mwh", fields, delivered),
                    decimal(record, "amount", fields, amount)));
        }
        return new UtilityFile(delivered >= 0, amount >= 0, rows);
    }

    private static String id(Csv.Record record, String what, String value) {
        try {
            return Ids.check(what, value.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("line " + record.line() + ": the " + what + " id is empty, too long "
                    + "or holds a control character");
        }
    }

    private static BigDecimal decimal(Csv.Record record, String column, List<String> fields, int index) {
        if (index < 0) {
            return null;
        }
        String value = fields.get(index).strip();
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.abs().compareTo(BigDecimal.TEN.pow(12)) >= 0 || number.scale() > 6) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + record.line() + ": " + column + " '" + value
                    + "' is not a decimal number (at most 12 digits before the point and 6 after)");
        }
    }
}
