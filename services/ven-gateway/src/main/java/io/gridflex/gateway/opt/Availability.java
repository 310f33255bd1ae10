package io.gridflex.gateway.opt;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.gridflex.gateway.report.ResourceSnapshot;

/**
 * Whether a resource can take part in events: at least one of its sites reports (fresh telemetry) and has load to
 * shed, or is shedding. A resource that cannot, without a break, for {@code unavailableAfter} is unavailable: the
 * wait keeps a site restarting its agent, or a gateway that has just started and read no telemetry yet, from opting
 * out at once.
 *
 * @param unavailableAfter how long a resource must have been unable to take part before it is opted out
 */
public record Availability(Duration unavailableAfter) {

    /** The OpenADR optReason for a resource none of whose sites reports. */
    static final String OUTAGE = "outageRunStatus";
    /** The OpenADR optReason for a resource whose sites report but have nothing to shed. */
    static final String NOT_PARTICIPATING = "notParticipating";

    /** Why a resource cannot take part: the optReason and words for people. */
    public record Verdict(String optReason, String detail) {
    }

    public static boolean canTakePart(ResourceSnapshot snapshot) {
        return snapshot.anyOnline() && snapshot.sheddableKw() + snapshot.shedKw() > 0;
    }

    /**
     * @param lastAbleAt the last time the resource could take part (or when watching began)
     * @return the verdict when the resource is unavailable now; empty when it can take part, or not yet long enough
     */
    public Optional<Verdict> judge(ResourceSnapshot snapshot, Instant lastAbleAt, Instant now) {
        if (canTakePart(snapshot) || now.isBefore(lastAbleAt.plus(unavailableAfter))) {
            return Optional.empty();
        }
        if (!snapshot.anyOnline()) {
            return Optional.of(new Verdict(OUTAGE,
                    "none of its " + snapshot.sites() + " site(s) has reported since " + lastAbleAt));
        }
        return Optional.of(new Verdict(NOT_PARTICIPATING, snapshot.online() + " of its " + snapshot.sites()
                + " site(s) report, with no load to shed since " + lastAbleAt));
    }
}
