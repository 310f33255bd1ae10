package io.gridflex.settlement.delivery;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.SettlementConfig;
import io.gridflex.settlement.attribution.Episode;
import io.gridflex.settlement.attribution.EpisodeSearch;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.schedule.ScheduleRepository;
import io.quarkus.runtime.Startup;

/**
 * {@link EpisodeSearch} over the stored schedules, bounded by {@code gridflex.settlement.episode.max-length}; built at
 * startup so a bad setting stops the service at once.
 */
@ApplicationScoped
@Startup
public class EpisodeFinder {

    private final ScheduleRepository schedules;
    private final Duration maxLength;

    public EpisodeFinder(ScheduleRepository schedules, SettlementConfig config) {
        this.schedules = schedules;
        this.maxLength = config.episode().maxLength();
        if (maxLength.isNegative() || maxLength.isZero()) {
            throw new IllegalArgumentException("gridflex.settlement.episode.max-length must be positive: " + maxLength);
        }
    }

    /** The site's episodes around {@code span}, in time order; those overlapping it are whole. */
    public List<Episode> around(String siteId, TimeWindow span) {
        return EpisodeSearch.around(window -> schedules.around(siteId, window), span, maxLength);
    }
}
