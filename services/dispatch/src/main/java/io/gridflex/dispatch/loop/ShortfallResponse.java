package io.gridflex.dispatch.loop;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.event.EventRepository;
import io.gridflex.dispatch.event.Reallocation;
import io.gridflex.dispatch.live.Derate;
import io.gridflex.dispatch.live.DerateRepository;
import io.gridflex.dispatch.live.LiveState;
import io.gridflex.dispatch.timeline.Timeline;
import io.gridflex.dispatch.timeline.TimelineKind;

/**
 * What the closed loop does about sites that fall short: each is counted on for no more than it delivers until its
 * commitment ends, and the events it serves are re-allocated, which moves what it cannot deliver to sites with
 * headroom. A site that reports it can shed again is counted on again, and events still short take it back.
 */
@ApplicationScoped
public class ShortfallResponse {

    private static final Logger LOG = Logger.getLogger(ShortfallResponse.class);

    private final DerateRepository derates;
    private final EventRepository events;
    private final Reallocation reallocation;
    private final Timeline timeline;
    private final ShortfallDetector detector;

    public ShortfallResponse(DerateRepository derates, EventRepository events, Reallocation reallocation,
            Timeline timeline, DispatchConfig config) {
        this.derates = derates;
        this.events = events;
        this.reallocation = reallocation;
        this.timeline = timeline;
        this.detector = ShortfallDetector.of(config.loop());
    }

    /** @return the shortfalls found this round */
    public List<Shortfall> respond(Connection connection, Map<String, SiteTarget> targets,
            Map<String, LiveState> live, Instant now) throws SQLException {
        List<Shortfall> found = detector.detect(targets.values(), live, now);
        List<String> shortSites = new ArrayList<>();
        for (Shortfall shortfall : found) {
            SiteTarget target = targets.get(shortfall.siteId());
            derates.save(connection, new Derate(shortfall.siteId(), DeciKw.toDecimal(shortfall.deliveredDeciKw()),
                    now, target.until(), shortfall.why()));
            String summary = "%s short: %s; what it cannot deliver goes to other sites".formatted(
                    shortfall.siteId(), shortfall.why());
            LOG.warnf("site short: siteId=%s targetKw=%s deliveredKw=%s why=%s", shortfall.siteId(),
                    DeciKw.toKw(shortfall.targetDeciKw()), DeciKw.toKw(shortfall.deliveredDeciKw()), shortfall.why());
            for (String eventId : target.byEvent().keySet()) {
                if (events.find(connection, eventId).isPresent()) {
                    timeline.append(connection, eventId, now, TimelineKind.SHORTFALL, shortfall.siteId(), summary,
                            Map.of("targetKw", DeciKw.toKw(shortfall.targetDeciKw()), "deliveredKw",
                                    DeciKw.toKw(shortfall.deliveredDeciKw())));
                }
            }
            shortSites.add(shortfall.siteId());
        }
        if (!shortSites.isEmpty()) {
            reallocation.atSites(connection, shortSites, now, "closed loop: " + shortSites + " short");
        }
        return found;
    }

    /** Lifts findings about sites that now report more they could shed; @return whether any was lifted. */
    public boolean recover(Connection connection, Map<String, LiveState> live, Instant now) throws SQLException {
        boolean lifted = false;
        for (Derate derate : derates.inForce(connection, null, now).values()) {
            LiveState state = live.get(derate.siteId());
            if (state != null && state.intervalEnd().isAfter(derate.since())
                    && BigDecimal.valueOf(state.totalSheddableKw()).compareTo(derate.kw()
                            .add(BigDecimal.valueOf(detector.toleranceKw(derate.kw().doubleValue())))) > 0) {
                derates.lift(connection, derate.siteId());
                LOG.infof("site recovered: siteId=%s sheddableKw=%s", derate.siteId(), state.totalSheddableKw());
                lifted = true;
            }
        }
        return lifted;
    }
}
