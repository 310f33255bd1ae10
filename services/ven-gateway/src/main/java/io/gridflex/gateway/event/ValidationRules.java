package io.gridflex.gateway.event;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an event must satisfy to be executed by this VEN: who it is (venID and accepted groups), how SIMPLE levels
 * translate to kW, and the bounds of a plausible event.
 *
 * @param simpleLevelKw kW for SIMPLE levels 1..3, or empty when SIMPLE events are not supported
 * @param maxEventDuration the end given to open-ended events and the longest finite event accepted
 * @param maxStartAhead how far ahead an event may start
 */
public record ValidationRules(String venId, Set<String> acceptedGroups, List<Double> simpleLevelKw,
        Duration maxEventDuration, Duration maxStartAhead) {

    public ValidationRules {
        Objects.requireNonNull(venId, "venId");
        acceptedGroups = Set.copyOf(acceptedGroups);
        simpleLevelKw = List.copyOf(simpleLevelKw);
        if (!simpleLevelKw.isEmpty() && simpleLevelKw.size() != 3) {
            throw new IllegalArgumentException("SIMPLE needs exactly three kW values, for levels 1, 2 and 3");
        }
        if (simpleLevelKw.stream().anyMatch(kw -> !(kw >= 0) || kw.isInfinite())) {
            throw new IllegalArgumentException("SIMPLE level kW must be finite and not negative: " + simpleLevelKw);
        }
        if (!maxEventDuration.isPositive() || !maxStartAhead.isPositive()) {
            throw new IllegalArgumentException("event bounds must be positive");
        }
    }

    public boolean supportsSimple() {
        return !simpleLevelKw.isEmpty();
    }
}
