package io.gridflex.settlement.ui;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.gridflex.settlement.statement.Statement;
import io.gridflex.settlement.statement.StatementLine;

/**
 * Two versions of a statement side by side, line by line (an event at a site): the figures of each, and what moved.
 *
 * @param older the earlier version
 * @param newer the later version
 * @param rows every event and site of either, in the order of the newer version then those only in the older one
 * @param netDelta newer net minus older net
 */
public record VersionDiff(Statement older, Statement newer, List<Row> rows, BigDecimal netDelta) {

    /**
     * One event at one site.
     *
     * @param before the older version's line, null when it had none
     * @param after the newer version's line, null when it has none
     * @param netDelta after's net minus before's (a missing line or figure counts as zero)
     * @param changed whether anything a payment depends on differs: status, delivered MWh, factor or net
     */
    public record Row(String eventId, String siteId, StatementLine before, StatementLine after, BigDecimal netDelta,
            boolean changed) {
    }

    public static VersionDiff of(Statement older, Statement newer) {
        Map<String, StatementLine> before = new LinkedHashMap<>();
        older.lines().forEach(line -> before.put(key(line), line));
        List<Row> rows = new ArrayList<>();
        for (StatementLine after : newer.lines()) {
            rows.add(row(before.remove(key(after)), after));
        }
        before.values().forEach(line -> rows.add(row(line, null)));
        return new VersionDiff(older, newer, List.copyOf(rows), newer.net().subtract(older.net()));
    }

    /** The rows whose figures moved. */
    public long changedRows() {
        return rows.stream().filter(Row::changed).count();
    }

    private static Row row(StatementLine before, StatementLine after) {
        StatementLine any = after != null ? after : before;
        boolean changed = before == null || after == null || !Objects.equals(before.status(), after.status())
                || differs(before.deliveredMwh(), after.deliveredMwh()) || differs(before.factor(), after.factor())
                || differs(before.net(), after.net());
        return new Row(any.eventId(), any.siteId(), before, after, net(after).subtract(net(before)), changed);
    }

    private static boolean differs(BigDecimal a, BigDecimal b) {
        return a == null ? b != null : b == null || a.compareTo(b) != 0;
    }

    private static BigDecimal net(StatementLine line) {
        return line == null || line.net() == null ? BigDecimal.ZERO : line.net();
    }

    private static String key(StatementLine line) {
        return line.eventId() + '\n' + line.siteId();
    }
}
