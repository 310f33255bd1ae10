package io.gridflex.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Ground truth for overlapping events: what each site really stopped drawing, from the simulated miners' own energy
 * counters, shared among the events by the kW dispatch asked of the site for each. Independent of settlement's code:
 * only the published allocation (dispatch's pieces) and the counters go in. The baseline is the site's mean draw over
 * the baseline window before it started holding anything off, as the settlement rules define it.
 */
final class TrueDelivery {

    /**
     * @param site the site
     * @param eventId the event
     * @param start inclusive
     * @param end exclusive
     * @param kw what the event asked of the site then
     */
    record Piece(String site, String eventId, Instant start, Instant end, double kw) {
    }

    private TrueDelivery() {
    }

    /** Per event, per site: the event's share of what the site delivered, in kWh. */
    static Map<String, Map<String, Double>> of(EnergySampler sampler, Duration baselineWindow, List<Piece> pieces) {
        Map<String, Map<String, Double>> byEvent = new LinkedHashMap<>();
        pieces.forEach(p -> byEvent.computeIfAbsent(p.eventId(), e -> new LinkedHashMap<>()).put(p.site(), 0.0));
        Map<String, List<Piece>> bySite = new LinkedHashMap<>();
        pieces.forEach(p -> bySite.computeIfAbsent(p.site(), s -> new ArrayList<>()).add(p));
        bySite.forEach((site, sitePieces) -> {
            TreeSet<Instant> cuts = new TreeSet<>();
            sitePieces.forEach(p -> {
                cuts.add(p.start());
                cuts.add(p.end());
            });
            Instant episodeStart = cuts.first();
            double baselineKw = sampler.averageKw(site, episodeStart.minus(baselineWindow), episodeStart);
            Instant previous = null;
            for (Instant cut : cuts) {
                if (previous != null) {
                    share(sampler, site, sitePieces, previous, cut, baselineKw, byEvent);
                }
                previous = cut;
            }
        });
        return byEvent;
    }

    private static void share(EnergySampler sampler, String site, List<Piece> pieces, Instant from, Instant to,
            double baselineKw, Map<String, Map<String, Double>> byEvent) {
        List<Piece> inForce = pieces.stream().filter(p -> !from.isBefore(p.start()) && from.isBefore(p.end()))
                .toList();
        double total = inForce.stream().mapToDouble(Piece::kw).sum();
        if (total <= 0) {
            return;
        }
        double hours = Duration.between(from, to).toMillis() / 3_600_000.0;
        double delivered = baselineKw * hours - (sampler.energyAt(site, to) - sampler.energyAt(site, from));
        for (Piece piece : inForce) {
            byEvent.get(piece.eventId()).merge(site, delivered * piece.kw() / total, Double::sum);
        }
    }
}
