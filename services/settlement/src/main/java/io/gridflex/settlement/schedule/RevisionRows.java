package io.gridflex.settlement.schedule;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.support.db.Sql;

/**
 * Folds rows of revision, segment and contribution (one row per contribution, segment and contribution columns NULL
 * where a revision has no segment inside the query) back into revisions. Rows come ordered by revision, segment and
 * contribution.
 */
final class RevisionRows {

    private RevisionRows() {
    }

    static List<Revision> read(String siteId, PreparedStatement statement) throws SQLException {
        Map<Long, Instant> issued = new LinkedHashMap<>();
        Map<Long, Instant> governs = new HashMap<>();
        Map<Long, Map<Integer, SegmentRows>> segments = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long revision = rows.getLong("revision");
                issued.putIfAbsent(revision, Sql.instant(rows, "issued_at"));
                governs.putIfAbsent(revision, Sql.instant(rows, "governs_from"));
                Map<Integer, SegmentRows> ofRevision = segments.computeIfAbsent(revision,
                        r -> new LinkedHashMap<>());
                int seq = rows.getInt("seq");
                if (rows.wasNull()) {
                    continue;
                }
                SegmentRows segment = ofRevision.get(seq);
                if (segment == null) {
                    segment = SegmentRows.of(rows);
                    ofRevision.put(seq, segment);
                }
                if (rows.getString("event_id") != null) {
                    segment.contributions().add(new Contribution(rows.getString("event_id"),
                            rows.getString("program"), ScheduleSegment.Kind.valueOf(rows.getString("kind")),
                            rows.getBigDecimal("kw"), rows.getBigDecimal("contribution_cap_kw")));
                }
            }
        }
        List<Revision> revisions = new ArrayList<>();
        issued.forEach((revision, issuedAt) -> revisions.add(new Revision(siteId, revision, issuedAt,
                segments.get(revision).values().stream().map(SegmentRows::segment).toList(), governs.get(revision))));
        return revisions;
    }

    /** A segment being read, its contributions arriving row by row. */
    private record SegmentRows(Instant start, Instant end, BigDecimal shedKw, BigDecimal importCapKw,
            List<Contribution> contributions) {

        static SegmentRows of(ResultSet rows) throws SQLException {
            return new SegmentRows(Sql.instant(rows, "start_at"), Sql.instant(rows, "end_at"),
                    rows.getBigDecimal("shed_kw"), rows.getBigDecimal("import_cap_kw"), new ArrayList<>());
        }

        Segment segment() {
            return new Segment(start, end, shedKw, importCapKw, contributions);
        }
    }
}
