package io.gridflex.settlement.method;

import java.time.LocalDate;
import java.util.SequencedMap;

/**
 * One documented, versioned way of stating what a site would have drawn without the event. A method is pure: the same
 * input gives the same figures, so a stored result can be recomputed from its stored inputs. Formulas, worked
 * examples and the readings chosen where a market rule is ambiguous are in {@code docs/settlement-methods.md}.
 */
public interface BaselineMethod {

    /** The method's name, e.g. {@code HIGH_4_OF_5}. */
    String name();

    /** Raised whenever a change could move a figure; a stored result names the version that produced it. */
    int version();

    /** Every parameter that shapes the figures, in a fixed order, as plain strings for storage and display. */
    SequencedMap<String, String> parameters();

    BaselineResult baseline(BaselineInput input);

    /**
     * What {@link #baseline} may read of the site's load for an event on {@code eventDay} (in the program's zone);
     * nothing outside it changes a figure. The event hours alone unless a method says more.
     */
    default Reach reach(LocalDate eventDay) {
        return Reach.EVENT_ONLY;
    }
}
