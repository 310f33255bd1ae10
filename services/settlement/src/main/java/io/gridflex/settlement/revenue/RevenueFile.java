package io.gridflex.settlement.revenue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.gridflex.settlement.api.Csv;
import io.gridflex.settlement.baseline.Decimals;

/**
 * A revenue meter's interval file, from CSV ({@link #parse}) or Green Button XML ({@link GreenButtonFile}). CSV has a
 * header naming {@code interval_start}, {@code interval_end} (ISO-8601
 * instants with an offset) and {@code energy_kwh}, in any order and case; other columns are ignored. Every row must be
 * a real interval (at most {@link #MAX_LENGTH}, ended by {@code now}, energy between 0 and what {@code maxSiteKw}
 * could draw), and no two rows may overlap. Any problem refuses the whole file, naming its line.
 */
record RevenueFile(List<Row> rows) {

    static final Duration MAX_LENGTH = Duration.ofHours(1);
    static final int MAX_ROWS = 200_000;

    record Row(int line, Instant start, Instant end, BigDecimal energyKwh) {
    }

    static RevenueFile parse(String text, Instant now, BigDecimal maxSiteKw) {
        Csv.Table table = Csv.table(text);
        int start = table.column("interval_start");
        int end = table.column("interval_end");
        int energy = table.column("energy_kwh");
        if (start < 0 || end < 0 || energy < 0) {
            throw new IllegalArgumentException("line 1: the header must name interval_start, interval_end and "
                    + "energy_kwh; it names " + table.header());
        }
        List<Row> rows = new ArrayList<>();
        for (Csv.Record record : table.rows(MAX_ROWS)) {
            List<String> fields = table.fields(record);
            rows.add(new Row(record.line(), instant(record, "interval_start", fields.get(start)),
                    instant(record, "interval_end", fields.get(end)), energy(record, fields.get(energy))));
        }
        return of(rows, now, maxSiteKw);
    }

    /**
     * The file of these rows, whatever format they were read from, in time order: each checked as the class says,
     * and none overlapping another.
     */
    static RevenueFile of(List<Row> rows, Instant now, BigDecimal maxSiteKw) {
        if (rows.size() > MAX_ROWS) {
            throw new IllegalArgumentException("the file holds more than " + MAX_ROWS + " intervals");
        }
        rows.forEach(row -> check(row, now, maxSiteKw));
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::start));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("line " + sorted.get(i).line() + ": overlaps line "
                        + sorted.get(i - 1).line());
            }
        }
        return new RevenueFile(sorted);
    }

    private static void check(Row row, Instant now, BigDecimal maxSiteKw) {
        if (row.energyKwh().signum() < 0 || row.energyKwh().stripTrailingZeros().scale() > 6) {
            throw new IllegalArgumentException("line " + row.line() + ": " + row.energyKwh().toPlainString()
                    + " kWh is not a non-negative figure with at most 6 decimals");
        }
        Duration length = Duration.between(row.start(), row.end());
        if (!length.isPositive() || length.compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("line " + row.line() + ": an interval lasts more than nothing and at "
                    + "most " + MAX_LENGTH + ", not " + length);
        }
        if (row.end().isAfter(now)) {
            throw new IllegalArgumentException("line " + row.line() + ": the interval ends in the future ("
                    + row.end() + ")");
        }
        if (row.energyKwh().compareTo(maxSiteKw.multiply(Decimals.hours(length))) > 0) {
            throw new IllegalArgumentException("line " + row.line() + ": " + row.energyKwh().toPlainString()
                    + " kWh in " + length + " is more than any site draws");
        }
    }

    private static Instant instant(Csv.Record record, String column, String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("line " + record.line() + ": " + column + " '" + value
                    + "' is not an ISO-8601 instant with an offset");
        }
    }

    private static BigDecimal energy(Csv.Record record, String value) {
        try {
            BigDecimal energy = new BigDecimal(value.strip());
            if (energy.signum() < 0 || energy.scale() > 6) {
                throw new NumberFormatException();
            }
            return energy;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + record.line() + ": energy_kwh '" + value
                    + "' is not a non-negative decimal with at most 6 decimals");
        }
    }
}
