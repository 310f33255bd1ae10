package io.gridflex.dispatch.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.gridflex.messages.DrEvent.Signal;
import io.gridflex.messages.DrInterval;

/**
 * Allocates an event across candidate sites, interval by interval, from a given instant on.
 * <p>
 * Sites are taken in merit order: those already carrying the event first (a re-allocation moves as little as it
 * can), then by priority, then least profitable hashing first (lowest strike price; unknown strike prices last), then
 * by site id. Each site takes what it has left for the interval after every other event and operator action
 * ({@link FreeCapacity}), no more than it can reach by then at its ramp rate, until the request plus the program's
 * over-delivery margin is covered. A price signal asks every site whose strike price the price reaches to shed all it
 * has left. An import cap becomes a reduction split the same way plus a cap per site that never squeezes the site
 * below its data centre's commitment and minimum mining load. Pure: the same inputs give the same allocation.
 */
public final class MeritOrderAllocator {

    private static final Comparator<Candidate> MERIT_ORDER = Comparator
            .comparing((Candidate c) -> !c.sticky())
            .thenComparingInt(Candidate::priority)
            .thenComparing(Candidate::strikePricePerMwh, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Candidate::siteId);

    private final Duration rampGrace;

    /** @param rampGrace how long a site is given, after an interval starts, to reach its new target */
    public MeritOrderAllocator(Duration rampGrace) {
        this.rampGrace = rampGrace;
    }

    public EventAllocation allocate(EventRequest request, ProgramTerms terms, List<Candidate> candidates,
            Instant from) {
        if (request.signal() == Signal.PRICE && !terms.currency().equals(request.currency())) {
            throw new InvalidSignalException("prices in " + request.currency() + ", the program settles in "
                    + terms.currency());
        }
        List<Candidate> ordered = candidates.stream().filter(c -> c.capacityDeciKw() > 0).sorted(MERIT_ORDER)
                .toList();
        Map<String, List<Piece>> bySite = new TreeMap<>();
        List<IntervalOutcome> outcomes = new ArrayList<>();
        for (DrInterval interval : request.intervals()) {
            if (!interval.end().isAfter(from)) {
                continue;
            }
            Instant start = interval.start().isAfter(from) ? interval.start() : from;
            List<Piece> given = new ArrayList<>();
            IntervalOutcome outcome = request.signal() == Signal.PRICE
                    ? byPrice(interval.value(), ordered, start, interval.end(), from, given)
                    : byMeritOrder(request.signal(), interval.value(), terms, ordered, start, interval.end(), from,
                            given);
            outcomes.add(outcome);
            given.forEach(piece -> bySite.computeIfAbsent(piece.siteId(), s -> new ArrayList<>()).add(piece));
        }
        List<Piece> pieces = new ArrayList<>();
        bySite.forEach((site, sitePieces) -> pieces.addAll(merged(randomized(request, site, sitePieces))));
        return new EventAllocation(pieces, outcomes);
    }

    private IntervalOutcome byMeritOrder(Signal signal, BigDecimal value, ProgramTerms terms, List<Candidate> ordered,
            Instant start, Instant end, Instant from, List<Piece> given) {
        List<Room> rooms = ordered.stream().map(c -> new Room(c, FreeCapacity.of(c, start, end))).toList();
        long requested = signal == Signal.IMPORT_CAP_KW
                ? capReduction(value, rooms)
                : SignalTranslator.fleetRequest(signal, value, terms, ordered);
        long target = requested + BigDecimal.valueOf(requested).multiply(terms.overDeliveryMargin())
                .setScale(0, RoundingMode.CEILING).longValueExact();
        long remaining = target;
        for (Room room : rooms) {
            if (remaining <= 0) {
                break;
            }
            Candidate site = room.candidate();
            long room0 = Math.min(room.capacity().freeDeciKw(), reachable(site, start, from));
            if (signal == Signal.IMPORT_CAP_KW) {
                room0 = Math.min(room0, site.normalDrawDeciKw() - room.capacity().busyDeciKw() - site.capFloorDeciKw());
            }
            long give = Math.min(room0, remaining);
            if (give <= 0) {
                continue;
            }
            Long cap = signal == Signal.IMPORT_CAP_KW
                    ? site.normalDrawDeciKw() - room.capacity().busyDeciKw() - give
                    : null;
            given.add(new Piece(site.siteId(), start, end, give, cap));
            remaining -= give;
        }
        long allocated = target - remaining;
        return new IntervalOutcome(start, end, requested, allocated, Math.max(0, requested - allocated));
    }

    /** The reduction that brings the sites' draw, after what other events already take off, under the cap. */
    private static long capReduction(BigDecimal capKw, List<Room> rooms) {
        if (capKw.signum() < 0) {
            throw new InvalidSignalException("an import cap of " + capKw.toPlainString() + " kW is negative");
        }
        long draw = rooms.stream()
                .mapToLong(r -> r.candidate().normalDrawDeciKw() - r.capacity().busyDeciKw())
                .sum();
        return Math.max(0, draw - DeciKw.floor(capKw));
    }

    private IntervalOutcome byPrice(BigDecimal price, List<Candidate> ordered, Instant start, Instant end,
            Instant from, List<Piece> given) {
        long total = 0;
        for (Candidate site : ordered) {
            if (site.strikePricePerMwh() == null || price.compareTo(site.strikePricePerMwh()) < 0) {
                continue;
            }
            long give = Math.min(FreeCapacity.of(site, start, end).freeDeciKw(), reachable(site, start, from));
            if (give > 0) {
                given.add(new Piece(site.siteId(), start, end, give, null));
                total += give;
            }
        }
        return new IntervalOutcome(start, end, total, total, 0);
    }

    /** What a site can shed by {@code start} plus the grace, at its ramp rate; unlimited without one. */
    private long reachable(Candidate site, Instant start, Instant from) {
        if (site.rampDownKwPerMin() == null) {
            return Long.MAX_VALUE;
        }
        long leadSeconds = Math.max(0, Duration.between(from, start).toSeconds()) + rampGrace.toSeconds();
        return DeciKw.floor(site.rampDownKwPerMin() * leadSeconds / 60.0);
    }

    /** A site starting late by its offset: pieces before {@code start + offset} begin there, or vanish. */
    private static List<Piece> randomized(EventRequest request, String siteId, List<Piece> pieces) {
        Duration offset = StartOffsets.offset(request.eventId(), siteId, request.startAfterSeconds());
        if (offset.isZero()) {
            return pieces;
        }
        Instant earliest = request.start().plus(offset);
        List<Piece> shifted = new ArrayList<>();
        for (Piece piece : pieces) {
            if (!piece.end().isAfter(earliest)) {
                continue;
            }
            shifted.add(piece.start().isBefore(earliest)
                    ? new Piece(piece.siteId(), earliest, piece.end(), piece.deciKw(), piece.importCapDeciKw())
                    : piece);
        }
        return shifted;
    }

    private static List<Piece> merged(List<Piece> pieces) {
        List<Piece> merged = new ArrayList<>();
        for (Piece piece : pieces) {
            if (!merged.isEmpty() && merged.getLast().continuedBy(piece)) {
                merged.set(merged.size() - 1, merged.getLast().through(piece.end()));
            } else {
                merged.add(piece);
            }
        }
        return merged;
    }

    private record Room(Candidate candidate, FreeCapacity capacity) {
    }
}
