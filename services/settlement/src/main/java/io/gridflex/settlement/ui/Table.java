package io.gridflex.settlement.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.gridflex.support.web.ApiException;

/**
 * A sortable table shown a page at a time: which column it is sorted by and which way, which page and how many rows
 * a page holds, read from the query ({@code sort}, {@code dir}, {@code page}, {@code size}) and checked against the
 * table's own columns. The page builds its header links ({@link #link}, {@link #ariaSort}) and pager from it, keeping
 * the page's other query parameters ({@code keep}).
 *
 * @param columns the columns the table may be sorted by, in their order of appearance
 * @param sort the column it is sorted by
 * @param descending whether the largest comes first
 * @param page the page shown, from 1
 * @param size rows per page
 * @param rows how many rows the whole table has
 * @param keep the page's other query parameters, already encoded ({@code program=x&}), or empty
 */
public record Table(Set<String> columns, String sort, boolean descending, int page, int size, long rows, String keep) {

    /** Rows per page a reader may choose. */
    public static final List<Integer> SIZES = List.of(25, 50, 100, 200);
    private static final int DEFAULT_SIZE = 50;

    /**
     * The table the query asks for; {@code sort} and {@code dir} absent mean {@code defaultSort}, its own way. An
     * unknown column, direction, page or size is refused (400) with what is allowed.
     */
    public static Table of(Set<String> columns, String defaultSort, boolean defaultDescending, String sort,
            String dir, String page, String size) {
        String column = sort == null || sort.isBlank() ? defaultSort : sort.strip();
        if (!columns.contains(column)) {
            throw ApiException.badRequest("invalid-sort", "cannot sort by '" + column + "'; by one of " + columns);
        }
        boolean descending;
        if (dir == null || dir.isBlank()) {
            descending = column.equals(defaultSort) && defaultDescending;
        } else if ("asc".equals(dir) || "desc".equals(dir)) {
            descending = "desc".equals(dir);
        } else {
            throw ApiException.badRequest("invalid-sort", "dir is 'asc' or 'desc', not '" + dir + "'");
        }
        int rowsPerPage = number("size", size, DEFAULT_SIZE);
        if (!SIZES.contains(rowsPerPage)) {
            throw ApiException.badRequest("invalid-size", "a page holds one of " + SIZES + " rows, not " + size);
        }
        int pageNumber = number("page", page, 1);
        if (pageNumber < 1 || pageNumber > 1_000_000) {
            throw ApiException.badRequest("invalid-page", "page is from 1, not " + page);
        }
        return new Table(columns, column, descending, pageNumber, rowsPerPage, 0, "");
    }

    private static int number(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-" + name, name + " is a whole number, not '" + value + "'");
        }
    }

    /** The same table over {@code total} rows, on its last page when the one asked for is past the end. */
    public Table over(long total) {
        int last = (int) Math.max(1, (total + size - 1) / size);
        return new Table(columns, sort, descending, Math.min(page, last), size, total, keep);
    }

    /** The same table whose links keep these query parameters (absent or blank values are left out). */
    public Table keeping(Map<String, String> parameters) {
        Map<String, String> kept = new LinkedHashMap<>(parameters);
        kept.values().removeIf(value -> value == null || value.isBlank());
        String query = kept.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8) + "&")
                .collect(Collectors.joining());
        return new Table(columns, sort, descending, page, size, rows, query);
    }

    /** Rows per page a reader may choose, for the page's size menu. */
    public List<Integer> sizes() {
        return SIZES;
    }

    /** The rows to skip before this page. */
    public long offset() {
        return (long) (page - 1) * size;
    }

    /** This page's rows of a list sorted here; {@code comparators} say how each column compares (ascending). */
    public <T> List<T> pageOf(List<T> all, Map<String, Comparator<T>> comparators) {
        Comparator<T> order = comparators.get(sort);
        if (order == null) {
            throw new IllegalStateException("no comparator for column " + sort);
        }
        List<T> sorted = all.stream().sorted(descending ? order.reversed() : order).toList();
        int from = (int) Math.min(offset(), sorted.size());
        return sorted.subList(from, Math.min(from + size, sorted.size()));
    }

    /** {@code ORDER BY} for SQL: the column's expression from {@code expressions}, the way asked, then the tie-breaker. */
    public String orderBy(Map<String, String> expressions, String tieBreaker) {
        String expression = expressions.get(sort);
        if (expression == null) {
            throw new IllegalStateException("no expression for column " + sort);
        }
        return " ORDER BY " + expression + (descending ? " DESC" : " ASC") + " NULLS LAST, " + tieBreaker;
    }

    /** The header link of {@code column}: sorted by it, the other way round when it is the current sort. */
    public String link(String column) {
        boolean down = column.equals(sort) ? !descending : false;
        return "?" + keep + "sort=" + column + "&dir=" + (down ? "desc" : "asc") + "&size=" + size;
    }

    /** {@code aria-sort} of a column's header. */
    public String ariaSort(String column) {
        return !column.equals(sort) ? "none" : descending ? "descending" : "ascending";
    }

    /** The arrow shown after a column's header: which way it is sorted, nothing when it is not. */
    public String arrow(String column) {
        return !column.equals(sort) ? "" : descending ? "▼" : "▲";
    }

    /** The link to page {@code number} of the same sort. */
    public String pageLink(int number) {
        return "?" + keep + "sort=" + sort + "&dir=" + (descending ? "desc" : "asc") + "&size=" + size + "&page="
                + number;
    }

    public int pages() {
        return (int) Math.max(1, (rows + size - 1) / size);
    }

    public int previousPage() {
        return Math.max(1, page - 1);
    }

    public int nextPage() {
        return Math.min(pages(), page + 1);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    /** The first row shown, from 1 (0 when the table is empty). */
    public long first() {
        return rows == 0 ? 0 : offset() + 1;
    }

    /** The last row shown. */
    public long last() {
        return Math.min(rows, offset() + size);
    }
}
