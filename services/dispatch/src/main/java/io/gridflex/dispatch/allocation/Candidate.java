package io.gridflex.dispatch.allocation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One site as an allocation sees it: what it could hold off for the event being allocated, before other events take
 * their part, and what constrains it. Power in tenths of a kW.
 *
 * @param siteId the site
 * @param priority lower is dispatched first
 * @param strikePricePerMwh the electricity price above which its hashing loses money; null when unknown (then it is
 *        dispatched after every site whose strike price is known, and never on a price signal)
 * @param enrolledDeciKw what the site is enrolled with in the event's program
 * @param capacityDeciKw the most it can hold off at all: its enrollment, its registered maximum, what its agent
 *        reports sheddable (plus what it already holds off), and its mining load above the minimum, whichever is least
 * @param normalDrawDeciKw its metered draw as if nothing were held off: what percentages, fractions and caps apply to
 * @param capFloorDeciKw an import cap never goes below this: the data centre's committed draw plus the minimum mining
 *        load
 * @param rampDownKwPerMin how fast it can shed; null when as fast as its agent can
 * @param busy what other events and operator actions already ask of it, over time
 * @param limits caps on its total reduction over time (operator holds and limits); zero means it must shed nothing
 * @param sticky it already carries this event now: a re-allocation keeps it rather than moving load between sites
 */
public record Candidate(
        String siteId,
        int priority,
        BigDecimal strikePricePerMwh,
        long enrolledDeciKw,
        long capacityDeciKw,
        long normalDrawDeciKw,
        long capFloorDeciKw,
        Double rampDownKwPerMin,
        List<Window> busy,
        List<Window> limits,
        boolean sticky) {

    public Candidate {
        Objects.requireNonNull(siteId, "siteId");
        busy = List.copyOf(busy);
        limits = List.copyOf(limits);
    }
}
