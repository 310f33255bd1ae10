package io.gridflex.settlement.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 4180 CSV: comma-separated fields, optionally in double quotes (a quote inside doubled), records ending in CRLF or
 * LF; a leading byte-order mark is ignored, blank lines are skipped. Malformed input is refused with its line number.
 */
public final class Csv {

    private Csv() {
    }

    /** The records of {@code text}, each a list of fields, with the line number each starts on. */
    public static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0 || wasQuoted) {
                        throw new IllegalArgumentException("line " + line + ": a quote inside an unquoted field");
                    }
                    quoted = true;
                    wasQuoted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                }
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        throw new IllegalArgumentException("line " + line + ": a carriage return without a line feed");
                    }
                }
                case '\n' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    add(records, fields, recordLine);
                    fields = new ArrayList<>();
                    line++;
                    recordLine = line;
                }
                default -> {
                    if (wasQuoted) {
                        throw new IllegalArgumentException("line " + line + ": text after a closing quote");
                    }
                    field.append(c);
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + recordLine + ": a quoted field is never closed");
        }
        fields.add(field.toString());
        add(records, fields, recordLine);
        return records;
    }

    private static void add(List<Record> records, List<String> fields, int line) {
        boolean blank = fields.size() == 1 && fields.getFirst().isEmpty();
        if (!blank) {
            records.add(new Record(line, List.copyOf(fields)));
        }
    }

    public record Record(int line, List<String> fields) {
    }

    /**
     * A file whose first record is a header naming its columns (compared stripped and in lower case) and whose other
     * records are rows.
     *
     * @throws IllegalArgumentException for an empty file
     */
    public static Table table(String text) {
        List<Record> records = parse(text == null ? "" : text);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the file is empty: a header row is required");
        }
        List<String> header = records.getFirst().fields().stream()
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .toList();
        return new Table(header, records.subList(1, records.size()));
    }

    public record Table(List<String> header, List<Record> rows) {

        /** The index of the column {@code name}, or -1. */
        public int column(String name) {
            return header.indexOf(name);
        }

        /** The rows, refused when there are more than {@code maxRows}. */
        public List<Record> rows(int maxRows) {
            if (rows.size() > maxRows) {
                throw new IllegalArgumentException("more than " + maxRows + " rows");
            }
            return rows;
        }

        /** The fields of {@code row}, refused (with its line) when they are not as many as the header's. */
        public List<String> fields(Record row) {
            if (row.fields().size() != header.size()) {
                throw new IllegalArgumentException("line " + row.line() + ": " + row.fields().size()
                        + " fields, the header has " + header.size());
            }
            return row.fields();
        }
    }
}
