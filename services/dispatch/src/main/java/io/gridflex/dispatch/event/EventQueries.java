package io.gridflex.dispatch.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.schedule.AckRepository;
import io.gridflex.dispatch.schedule.AckView;
import io.gridflex.dispatch.schedule.PieceRepository;
import io.gridflex.dispatch.schedule.SitePiece;
import io.gridflex.dispatch.timeline.Timeline;
import io.gridflex.dispatch.timeline.TimelineEntry;
import io.gridflex.messages.DispatchStatus.State;
import io.gridflex.support.db.Transactions;

/** What the operator API reads about events. */
@ApplicationScoped
public class EventQueries {

    private final EventRepository events;
    private final PieceRepository pieces;
    private final AckRepository acks;
    private final Timeline timeline;
    private final Transactions transactions;

    public EventQueries(EventRepository events, PieceRepository pieces, AckRepository acks, Timeline timeline,
            Transactions transactions) {
        this.events = events;
        this.pieces = pieces;
        this.acks = acks;
        this.timeline = timeline;
        this.transactions = transactions;
    }

    public List<StoredEvent> recent(int limit, State state, String programId) {
        return transactions.read(connection -> events.recent(connection, limit, state, programId));
    }

    public Optional<EventDetail> detail(String eventId) {
        return transactions.read(connection -> {
            Optional<StoredEvent> event = events.find(connection, eventId);
            if (event.isEmpty()) {
                return Optional.empty();
            }
            Map<String, List<SitePiece>> bySite = new LinkedHashMap<>();
            for (SitePiece piece : pieces.allForEvent(connection, eventId)) {
                bySite.computeIfAbsent(piece.siteId(), s -> new ArrayList<>()).add(piece);
            }
            Map<String, AckView> latest = acks.latestForEvent(connection, eventId);
            List<EventDetail.SiteAllocation> sites = new ArrayList<>();
            bySite.forEach((site, sitePieces) -> sites.add(new EventDetail.SiteAllocation(site,
                    DeciKw.toDecimal(sitePieces.stream().mapToLong(SitePiece::deciKw).max().orElse(0)),
                    sitePieces.stream().map(p -> new EventDetail.PieceView(p.start(), p.end(),
                            DeciKw.toDecimal(p.deciKw()),
                            p.importCapDeciKw() == null ? null : DeciKw.toDecimal(p.importCapDeciKw()))).toList(),
                    latest.get(site))));
            return Optional.of(new EventDetail(event.get(), events.revisions(connection, eventId),
                    sites));
        });
    }

    public Optional<List<TimelineEntry>> timeline(String eventId) {
        return transactions.read(connection -> events.find(connection, eventId).isEmpty()
                ? Optional.empty()
                : Optional.of(timeline.of(connection, eventId)));
    }
}
