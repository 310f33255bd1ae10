package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import io.gridflex.settlement.attribution.Episode;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.settlement.terms.ProgramTerms;

/**
 * Everything one statement line is computed from; {@link InputsDigest} hashes exactly this.
 *
 * @param terms the program's terms
 * @param eventId the event
 * @param siteId the site
 * @param episodes the site's shed episodes that held a contribution of the event, in time order
 * @param load the site's settlement intervals, from the look-back to the last episode's end
 * @param excludedDays the site's prior event days (in the program's zone) within the look-back
 * @param ownerShare the site owner's share of the net
 * @param lowCoverage the settlement intervals (starts) of {@code load}'s span in which telemetry was left out for
 *        covering too little of the site
 */
public record LineInputs(ProgramTerms terms, String eventId, String siteId, List<Episode> episodes, LoadSeries load,
        SortedSet<LocalDate> excludedDays, BigDecimal ownerShare, SortedSet<Instant> lowCoverage) {

    public LineInputs {
        episodes = List.copyOf(episodes);
        excludedDays = new TreeSet<>(excludedDays);
        lowCoverage = new TreeSet<>(lowCoverage);
    }
}
