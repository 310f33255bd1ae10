package io.gridflex.dispatch.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;

/**
 * Recomposes the schedules of sites whose pieces changed and issues each its next revision. Callers pass only sites
 * whose pieces from now on did change ({@link PieceChanges}): a duplicate DR event, a re-allocation that moves nothing,
 * or an event at other sites never disturbs a site.
 */
@ApplicationScoped
public class ScheduleIssuer {

    private final PieceRepository pieces;
    private final ScheduleRepository schedules;
    private final Publication publication;
    private final MessageCodec codec;

    public ScheduleIssuer(PieceRepository pieces, ScheduleRepository schedules, Publication publication,
            MessageCodec codec) {
        this.pieces = pieces;
        this.schedules = schedules;
        this.publication = publication;
        this.codec = codec;
    }

    /**
     * Within the caller's transaction, which must hold the allocation lock (it orders the schedules' handoff to the
     * relay, see {@link Publication#inTransaction}). A site that never had a schedule and still has nothing to do
     * hears nothing.
     *
     * @return the revision issued to each site, by site id
     */
    public Map<String, Long> reissue(Connection connection, Collection<String> siteIds, Instant now)
            throws SQLException {
        if (siteIds.isEmpty()) {
            return Map.of();
        }
        TreeSet<String> sites = new TreeSet<>(siteIds);
        Map<String, ScheduleHead> heads = schedules.lockHeads(connection, sites);
        Map<String, List<SitePiece>> bySite = new TreeMap<>();
        for (SitePiece piece : piecesShaping(connection, sites, now)) {
            bySite.computeIfAbsent(piece.siteId(), s -> new ArrayList<>()).add(piece);
        }
        List<ScheduleRepository.Issued> issued = new ArrayList<>();
        Map<String, Long> revisions = new LinkedHashMap<>();
        for (String site : sites) {
            List<ScheduleSegment> segments = ScheduleComposer.compose(bySite.getOrDefault(site, List.of()), now);
            ScheduleHead head = heads.get(site);
            if (head == null && segments.isEmpty()) {
                continue;
            }
            long revision = head == null ? 1 : head.revision() + 1;
            issued.add(new ScheduleRepository.Issued(site, revision, now,
                    codec.encode(new SiteSchedule(site, revision, now, segments))));
            revisions.put(site, revision);
        }
        publication.hand(schedules.issue(connection, issued));
        return revisions;
    }

    /**
     * The pieces in force or ahead, and those that ended since the earliest of them in force began: the latter cut
     * the segment under way, and leaving them out would move its start.
     */
    private List<SitePiece> piecesShaping(Connection connection, Collection<String> sites, Instant now)
            throws SQLException {
        List<SitePiece> ahead = pieces.forSites(connection, sites, now);
        Instant earliest = ahead.stream().filter(p -> p.covers(now)).map(SitePiece::start).min(Instant::compareTo)
                .orElse(now);
        if (!earliest.isBefore(now)) {
            return ahead;
        }
        List<SitePiece> shaping = new ArrayList<>(ahead);
        shaping.addAll(pieces.endedBetween(connection, sites, earliest, now));
        return shaping;
    }
}
