package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored statement recomputed from what is stored now.
 *
 * @param statementId the statement
 * @param reproduced true when every line came out with the same inputs hash and the same figures, and no line
 *        appeared or vanished
 * @param differences what differs, line by line
 */
public record Verification(UUID statementId, boolean reproduced, List<Difference> differences) {

    /**
     * @param eventId the line's event
     * @param siteId the line's site
     * @param what {@code inputs} (the hash moved: late or corrected data, a new schedule revision), a figure's name,
     *        {@code line-added} or {@code line-gone}
     * @param stored what the statement says
     * @param recomputed what the stored inputs give now
     */
    public record Difference(String eventId, String siteId, String what, String stored, String recomputed) {
    }

    static Verification compare(Statement stored, List<StatementLine> recomputed) {
        Map<String, StatementLine> now = new LinkedHashMap<>();
        recomputed.forEach(line -> now.put(line.eventId() + "\n" + line.siteId(), line));
        List<Difference> differences = new ArrayList<>();
        for (StatementLine before : stored.lines()) {
            StatementLine after = now.remove(before.eventId() + "\n" + before.siteId());
            if (after == null) {
                differences.add(new Difference(before.eventId(), before.siteId(), "line-gone", before.net()
                        .toPlainString(), null));
                continue;
            }
            compare(differences, before, "inputs", before.inputsHash(), after.inputsHash());
            compare(differences, before, "status", before.status(), after.status());
            compare(differences, before, "deliveredMwh", before.deliveredMwh(), after.deliveredMwh());
            compare(differences, before, "factor", before.factor(), after.factor());
            compare(differences, before, "energy", before.energy(), after.energy());
            compare(differences, before, "capacity", before.capacity(), after.capacity());
            compare(differences, before, "nonPerformance", before.nonPerformance(), after.nonPerformance());
            compare(differences, before, "net", before.net(), after.net());
            compare(differences, before, "owner", before.owner(), after.owner());
        }
        now.values().forEach(line -> differences.add(new Difference(line.eventId(), line.siteId(), "line-added",
                null, line.net().toPlainString())));
        return new Verification(stored.statementId(), differences.isEmpty(), differences);
    }

    private static void compare(List<Difference> differences, StatementLine line, String what,
            Object stored, Object recomputed) {
        String a = text(stored);
        String b = text(recomputed);
        if (!Objects.equals(a, b)) {
            differences.add(new Difference(line.eventId(), line.siteId(), what, a, b));
        }
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value == null ? null : value.toString();
    }
}
