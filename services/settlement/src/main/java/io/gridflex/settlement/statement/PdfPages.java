package io.gridflex.settlement.statement;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays text and tables out on A4 landscape pages, top to bottom, starting a new page when one is full: a table's
 * header row is repeated on every page it runs onto, an optional banner heads every page, and {@link #finish} writes a
 * footer with "page i of n" on each. Text is set in Helvetica (a standard PDF font, nothing embedded); a character it
 * cannot show is printed as '?'. Nothing is ever cut: text wider than its room (a paragraph, or an id in a table cell)
 * runs on over as many lines as it needs, broken between words where it has spaces and anywhere where it has none.
 */
final class PdfPages {

    private static final PDRectangle LANDSCAPE_A4 = new PDRectangle(PDRectangle.A4.getHeight(),
            PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    private static final float FOOTER = 18;
    private static final float TEXT_SIZE = 9;
    private static final float TABLE_SIZE = 8;
    private static final float TITLE_SIZE = 13;
    private static final float LEADING = 1.4f;
    private static final float CELL_PADDING = 3;

    private final PDDocument document;
    private final String banner;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream stream;
    private float y;

    /** A table column: its heading, width in points and whether its cells are right-aligned (figures). */
    record Column(String heading, float width, boolean right) {

        static Column left(String heading, float width) {
            return new Column(heading, width, false);
        }

        static Column right(String heading, float width) {
            return new Column(heading, width, true);
        }
    }

    /** @param banner printed at the head of every page, emphasised; null for none */
    PdfPages(PDDocument document, String banner) throws IOException {
        this.document = document;
        this.banner = banner;
        newPage();
    }

    void title(String text) throws IOException {
        paragraph(bold, TITLE_SIZE, text);
    }

    void text(String text) throws IOException {
        paragraph(regular, TEXT_SIZE, text);
    }

    void bold(String text) throws IOException {
        paragraph(bold, TEXT_SIZE, text);
    }

    void gap() {
        y -= TEXT_SIZE;
    }

    /**
     * A table: a bold, underlined header row, then one row per entry, each as tall as its longest cell needs, the
     * header repeated on every new page.
     */
    void table(List<Column> columns, List<List<String>> rows) throws IOException {
        float lineHeight = TABLE_SIZE * LEADING;
        header(columns, lineHeight);
        for (List<String> row : rows) {
            List<List<String>> cells = new ArrayList<>();
            int height = 1;
            for (int i = 0; i < columns.size(); i++) {
                List<String> lines = lines(regular, TABLE_SIZE, row.get(i), room(columns.get(i)));
                cells.add(lines);
                height = Math.max(height, lines.size());
            }
            if (y - height * lineHeight < MARGIN + FOOTER) {
                newPage();
                header(columns, lineHeight);
            }
            for (int line = 0; line < height; line++) {
                y -= lineHeight;
                int at = line;
                cells(columns, cells.stream().map(c -> at < c.size() ? c.get(at) : "").toList(), regular);
            }
        }
    }

    /** Closes the last page and writes every page's footer: {@code footer} on the left, "page i of n" on the right. */
    void finish(String footer) throws IOException {
        stream.close();
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream end = new PDPageContentStream(document, pages.get(i),
                    PDPageContentStream.AppendMode.APPEND, true)) {
                String page = "page " + (i + 1) + " of " + pages.size();
                float pageWidth = widthOf(regular, TABLE_SIZE, page);
                show(end, regular, TABLE_SIZE, MARGIN, MARGIN, fitted(regular, TABLE_SIZE, footer,
                        width() - pageWidth - 12));
                show(end, regular, TABLE_SIZE, MARGIN + width() - pageWidth, MARGIN, page);
            }
        }
    }

    private void header(List<Column> columns, float rowHeight) throws IOException {
        if (y - 2 * rowHeight < MARGIN + FOOTER) {
            newPage();
        }
        y -= rowHeight;
        List<String> headings = new ArrayList<>();
        for (Column column : columns) {
            headings.add(fitted(bold, TABLE_SIZE, column.heading(), room(column)));
        }
        cells(columns, headings, bold);
        float total = (float) columns.stream().mapToDouble(Column::width).sum();
        stream.setLineWidth(0.5f);
        stream.moveTo(MARGIN, y - 2);
        stream.lineTo(MARGIN + total, y - 2);
        stream.stroke();
    }

    /** One line of a row: each value already fits its column. */
    private void cells(List<Column> columns, List<String> values, PDType1Font font) throws IOException {
        float x = MARGIN;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String text = values.get(i);
            float offset = column.right() ? room(column) - widthOf(font, TABLE_SIZE, text) : 0;
            show(stream, font, TABLE_SIZE, x + CELL_PADDING + offset, y, text);
            x += column.width();
        }
    }

    private static float room(Column column) {
        return column.width() - 2 * CELL_PADDING;
    }

    private void paragraph(PDType1Font font, float size, String text) throws IOException {
        for (String line : lines(font, size, text, width())) {
            if (y - size * LEADING < MARGIN + FOOTER) {
                newPage();
            }
            y -= size * LEADING;
            show(stream, font, size, MARGIN, y, line);
        }
    }

    private void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(LANDSCAPE_A4);
        document.addPage(page);
        pages.add(page);
        stream = new PDPageContentStream(document, page);
        y = LANDSCAPE_A4.getHeight() - MARGIN;
        if (banner != null) {
            stream.setNonStrokingColor(0.75f, 0f, 0f);
            y -= (TEXT_SIZE + 1) * LEADING;
            show(stream, bold, TEXT_SIZE + 1, MARGIN, y, fitted(bold, TEXT_SIZE + 1, banner, width()));
            stream.setNonStrokingColor(0f, 0f, 0f);
            y -= TEXT_SIZE / 2;
        }
    }

    private static void show(PDPageContentStream stream, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, y);
        stream.showText(text);
        stream.endText();
    }

    private static float width() {
        return LANDSCAPE_A4.getWidth() - 2 * MARGIN;
    }

    /**
     * The text as printable lines of at most {@code room} points: broken at the last space that fits, or where no space
     * does, at the last character that fits (at least one character per line, so it always ends).
     */
    private static List<String> lines(PDType1Font font, float size, String text, float room) throws IOException {
        List<String> lines = new ArrayList<>();
        String rest = printable(text);
        while (widthOf(font, size, rest) > room) {
            int fits = 1;
            while (fits < rest.length() && widthOf(font, size, rest.substring(0, fits + 1)) <= room) {
                fits++;
            }
            int space = rest.lastIndexOf(' ', fits);
            int end = space > 0 ? space : fits;
            lines.add(rest.substring(0, end));
            rest = rest.substring(space > 0 ? end + 1 : end);
        }
        lines.add(rest);
        return lines;
    }

    /** The text as printable, cut with "..." to fit {@code room} points (for the footer and headings only). */
    private static String fitted(PDType1Font font, float size, String text, float room) throws IOException {
        String printable = printable(text);
        if (widthOf(font, size, printable) <= room) {
            return printable;
        }
        int length = printable.length();
        while (length > 0 && widthOf(font, size, printable.substring(0, length) + "...") > room) {
            length--;
        }
        return printable.substring(0, length) + "...";
    }

    private static float widthOf(PDType1Font font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Only the characters the standard fonts' encoding (WinAnsi) shows for sure: printable Latin-1. */
    private static String printable(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            printable.append(c >= 0x20 && c <= 0x7e || c >= 0xa0 && c <= 0xff ? c : '?');
        }
        return printable.toString();
    }
}
