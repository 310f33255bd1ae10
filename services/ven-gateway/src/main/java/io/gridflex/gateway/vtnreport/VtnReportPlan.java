package io.gridflex.gateway.vtnreport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.gridflex.gateway.registration.Registration;

/**
 * Which of the VTN's offers a {@link WantedReport} asks for, and whether the VTN can keep its timing. Pure.
 */
final class VtnReportPlan {

    /** A request to make: {@code rIds} of {@code offer}; or, when {@code problem} is set, why none can be made. */
    record Planned(WantedReport wanted, VtnOffer offer, List<String> rIds, String problem) {

        boolean possible() {
            return problem == null;
        }

        /** The request this plan makes, not yet sent. */
        VtnRequest request(String program, Registration registration, String via,
                Instant now) {
            return new VtnRequest(program, "gf-" + UUID.randomUUID(), offer.reportSpecifierId(),
                    offer.deliveredName(), rIds, wanted.granularity(), wanted.reportBack(), registration.venId(),
                    registration.registrationId(), VtnRequest.Status.REQUESTED, via, null, now, null);
        }
    }

    private VtnReportPlan() {
    }

    /**
     * The offer a wanted report names: by reportSpecifierID first, else the first offer delivering that report name.
     */
    static Planned plan(WantedReport wanted, List<VtnOffer> offers) {
        VtnOffer offer = offers.stream().filter(o -> o.reportSpecifierId().equals(wanted.report())).findFirst()
                .orElseGet(() -> offers.stream().filter(o -> o.deliveredName().equals(wanted.report()))
                        .findFirst().orElse(null));
        if (offer == null) {
            return refused(wanted, "the VTN offers no report " + wanted.report() + " (it offers "
                    + offers.stream().map(o -> o.reportSpecifierId() + " (" + o.deliveredName() + ")").toList()
                    + ")");
        }
        if (offer.rIds().isEmpty()) {
            return refused(wanted, "the VTN's " + offer.reportSpecifierId() + " has no data points yet");
        }
        List<String> unknown = wanted.rIds().stream().filter(r -> !offer.rIds().contains(r)).toList();
        if (!unknown.isEmpty()) {
            return refused(wanted, "the VTN's " + offer.reportSpecifierId() + " has no data points " + unknown
                    + " (it has " + offer.rIds() + ")");
        }
        String timing = timingProblem(wanted, offer);
        if (timing != null) {
            return refused(wanted, timing);
        }
        return new Planned(wanted, offer, wanted.rIds().isEmpty() ? offer.rIds() : wanted.rIds(), null);
    }

    private static String timingProblem(WantedReport wanted, VtnOffer offer) {
        Duration granularity = wanted.granularity();
        if (granularity.isNegative() || wanted.reportBack().isNegative()) {
            return "negative granularity or reportBackDuration";
        }
        if (granularity.isPositive() && offer.minPeriod() != null && granularity.compareTo(offer.minPeriod()) < 0) {
            return "granularity " + granularity + " is shorter than the VTN samples " + offer.reportSpecifierId()
                    + " (" + offer.minPeriod() + ")";
        }
        if (granularity.isPositive() && offer.maxPeriod() != null && granularity.compareTo(offer.maxPeriod()) > 0) {
            return "granularity " + granularity + " is longer than the VTN samples " + offer.reportSpecifierId()
                    + " (" + offer.maxPeriod() + ")";
        }
        if (wanted.reportBack().isPositive() && granularity.isPositive()
                && wanted.reportBack().compareTo(granularity) < 0) {
            return "reportBackDuration " + wanted.reportBack() + " is shorter than the granularity " + granularity;
        }
        return null;
    }

    private static Planned refused(WantedReport wanted, String why) {
        return new Planned(wanted, null, List.of(), why);
    }
}
