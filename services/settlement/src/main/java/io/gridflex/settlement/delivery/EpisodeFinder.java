package io.gridflex.settlement.delivery;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.SettlementConfig;
import io.gridflex.settlement.attribution.Episode;
import io.gridflex.settlement.attribution.EpisodeSearch;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.schedule.ScheduleRepository;

/** {@link EpisodeSearch} over the stored schedules, bounded by {@code gridflex.settlement.episode.max-length}. */
@ApplicationScoped
public class EpisodeFinder {

    private final ScheduleRepository schedules;
    private final Duration maxLength;

    public EpisodeFinder(ScheduleRepository schedules, SettlementConfig config) {
        this.schedules = schedules;
        this.maxLength = config.episode().maxLength();
    }

    /** The site's episodes around {@code span}, in time order; those overlapping it are whole. */
    public List<Episode> around(String siteId, TimeWindow span) {
        return EpisodeSearch.around(window -> schedules.around(siteId, window), span, maxLength);
    }
}
