package io.gridflex.dispatch.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;

/**
 * Recomposes sites' schedules after their pieces changed and issues a new revision to every site whose schedule, from
 * now on, is not what it was last told. A site whose schedule did not change gets nothing: a duplicate DR event, a
 * re-allocation that moves nothing, or an event at other sites never disturbs it.
 */
@ApplicationScoped
public class ScheduleIssuer {

    private static final TypeReference<List<ScheduleSegment>> SEGMENTS = new TypeReference<>() {
    };

    private final PieceRepository pieces;
    private final ScheduleRepository schedules;
    private final MessageCodec codec;
    private final ObjectMapper json = MessageCodec.newObjectMapper();

    public ScheduleIssuer(PieceRepository pieces, ScheduleRepository schedules, MessageCodec codec) {
        this.pieces = pieces;
        this.schedules = schedules;
        this.codec = codec;
    }

    /**
     * Within the caller's transaction, which must hold the allocation lock.
     *
     * @return the revision issued to each site whose schedule changed, by site id
     */
    public Map<String, Long> reissue(java.sql.Connection connection, Collection<String> siteIds, Instant now)
            throws java.sql.SQLException {
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
            if (head == null ? segments.isEmpty() : segments.equals(stillAhead(head, now))) {
                continue;
            }
            long revision = head == null ? 1 : head.revision() + 1;
            issued.add(new ScheduleRepository.Issued(site, revision, now, write(segments),
                    codec.encode(new SiteSchedule(site, revision, now, segments))));
            revisions.put(site, revision);
        }
        schedules.issue(connection, issued);
        return revisions;
    }

    /**
     * The pieces in force or ahead, and those that ended since the earliest of them in force began: the latter cut
     * the segment under way, and leaving them out would move its start.
     */
    private List<SitePiece> piecesShaping(java.sql.Connection connection, Collection<String> sites, Instant now)
            throws java.sql.SQLException {
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

    /** What the site was last told about the time from now on. */
    private List<ScheduleSegment> stillAhead(ScheduleHead head, Instant now) {
        try {
            return json.readValue(head.segmentsJson(), SEGMENTS).stream().filter(s -> s.end().isAfter(now)).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored segments of " + head.siteId() + " are not JSON", e);
        }
    }

    private String write(List<ScheduleSegment> segments) {
        try {
            return json.writeValueAsString(segments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write segments", e);
        }
    }
}
