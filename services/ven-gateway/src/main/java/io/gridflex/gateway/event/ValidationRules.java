package io.gridflex.gateway.event;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an event must satisfy to be executed by this VEN, and what it is published under: who the VEN is (venID, and
 * the groups and resources it answers to), the GridFlex program of the VTN connection, and the bounds of a plausible event.
 *
 * @param program the GridFlex program every DrEvent of this VTN connection carries
 * @param marketContexts the eiMarketContexts the program takes events of; empty: every one
 * @param maxEventDuration the longest finite event accepted
 * @param openEndedDuration how long an open-ended event (duration PT0S) is taken to last; at most the longest
 * @param maxStartAhead how far ahead an event may start
 */
public record ValidationRules(String program, String venId, Audience audience, Set<String> marketContexts,
        Duration maxEventDuration, Duration openEndedDuration, Duration maxStartAhead) {

    /** The DrEvent schema's bounds for a program id. */
    private static final Pattern PROGRAM_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public ValidationRules {
        requireProgramId(program);
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(audience, "audience");
        marketContexts = Set.copyOf(marketContexts);
        if (!maxEventDuration.isPositive() || !maxStartAhead.isPositive() || !openEndedDuration.isPositive()
                || openEndedDuration.compareTo(maxEventDuration) > 0) {
            throw new IllegalArgumentException("event bounds must be positive");
        }
    }

    /** Whether events of this market context are the program's: it names none, or this one. */
    public boolean acceptsMarketContext(String marketContext) {
        return marketContexts.isEmpty() || marketContexts.contains(marketContext);
    }

    /** @throws IllegalArgumentException when the id could not travel in a DrEvent */
    public static String requireProgramId(String program) {
        if (program == null || !PROGRAM_ID.matcher(program).matches()) {
            throw new IllegalArgumentException(
                    "a program id is 1 to 128 printable ASCII characters without spaces, got '"
                            + program + "'");
        }
        return program;
    }
}
