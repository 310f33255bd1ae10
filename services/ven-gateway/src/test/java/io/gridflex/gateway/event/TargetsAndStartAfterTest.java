package io.gridflex.gateway.event;

import static io.gridflex.gateway.event.EventFixtures.NOW;
import static io.gridflex.gateway.event.EventFixtures.START;
import static io.gridflex.gateway.event.EventFixtures.VEN;
import static io.gridflex.gateway.event.EventFixtures.VTN;
import static io.gridflex.gateway.event.EventFixtures.fromVtn;
import static io.gridflex.gateway.event.EventFixtures.rules;
import static io.gridflex.gateway.support.VtnXml.signal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.gridflex.gateway.support.VtnXml;
import io.gridflex.messages.DrEvent;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType.OadrEvent;

/** eiTarget resources and groups into DrEvent.targets, and the start randomization, from VTN-written XML. */
class TargetsAndStartAfterTest {

    private final EventValidator validator = new EventValidator(rules(Set.of("north-miners")));

    @Test
    void anEventForOurVenAloneAddressesTheWholeProgram() {
        DrEvent event = accepted(event().ven(VEN));

        assertThat(event.targets()).isEqualTo(DrEvent.Targets.all());
        assertThat(event.targets().wholeProgram()).isTrue();
    }

    @Test
    void resourcesAndGroupsAreCarriedTrimmedAndOnce() {
        OadrEvent oadr = fromVtn(event().ven(VEN).group("north-miners").group("west").resource("site-a")
                .resource("site-b").resource("site-a"));
        // A VTN's whitespace around ids, which the schema's string type keeps.
        oadr.getEiEvent().getEiTarget().getResourceID().set(1, "  site-b\n");

        DrEvent event = accepted(oadr);

        assertThat(event.targets().resourceIds()).containsExactly("site-a", "site-b");
        assertThat(event.targets().groupIds()).containsExactly("north-miners", "west");
    }

    @Test
    void aGroupOfOursIsEnoughToMakeTheEventOursAndTravelsAsATarget() {
        DrEvent event = accepted(event().group("north-miners"));

        assertThat(event.targets()).isEqualTo(new DrEvent.Targets(List.of(), List.of("north-miners")));
    }

    @Test
    void resourcesWithoutOurVenOrGroupAreNotOurs() {
        refused(fromVtn(event().resource("site-a").group("south")), OadrResponseCode.TARGET_MISMATCH,
                "does not target venID " + VEN + " or groups [north-miners]");
    }

    @Test
    void aResourceWeRegisteredIsEnoughToMakeTheEventOursAndOnlyItTravels() {
        EventValidator ours = new EventValidator(rules(new Audience(Set.of(), Set.of("plant-1", "plant-2")),
                Set.of()));

        DrEvent event = ours.validate(VTN, fromVtn(event().resource(" plant-2 ").resource("someone-elses")),
                NOW) instanceof Verdict.Accepted accepted ? accepted.event() : null;

        assertThat(event).isNotNull();
        // Dispatch gives the event to the sites of the resources it knows and notes the others as unknown.
        assertThat(event.targets()).isEqualTo(new DrEvent.Targets(List.of("plant-2", "someone-elses"), List.of()));
    }

    @Test
    void aPartyOrAResourceNotOursAloneIsNotOursAndTheRefusalSaysWhatIs() {
        EventValidator ours = new EventValidator(rules(new Audience(Set.of("north-miners"), Set.of("plant-1")),
                Set.of()));
        OadrEvent party = fromVtn(event().resource("plant-9"));
        party.getEiEvent().getEiTarget().getResourceID().clear();
        party.getEiEvent().getEiTarget().getPartyID().add("plant-1");

        for (OadrEvent event : List.of(fromVtn(event().resource("plant-9")), party)) {
            assertThat(ours.validate(VTN, event, NOW)).isInstanceOfSatisfying(Verdict.Refused.class,
                    refused -> assertThat(refused.reason()).contains("does not target venID " + VEN
                            + " or groups [north-miners] or resources [plant-1]"));
        }
    }

    @Test
    void aTargetIdThatCannotTravelIsInvalidRatherThanDropped() {
        OadrEvent blank = fromVtn(event().ven(VEN).resource("site-a").resource("x"));
        blank.getEiEvent().getEiTarget().getResourceID().set(1, "   ");
        OadrEvent spaced = fromVtn(event().ven(VEN).group("x"));
        spaced.getEiEvent().getEiTarget().getGroupID().set(0, "north miners");

        refused(blank, OadrResponseCode.INVALID_DATA, "eiTarget resourceID '' must be 1 to 256 printable ASCII");
        refused(spaced, OadrResponseCode.INVALID_DATA, "eiTarget groupID 'north miners' must be");
    }

    @Test
    void moreTargetsThanADrEventCarriesAreInvalid() {
        VtnXml.Event many = event().ven(VEN);
        IntStream.range(0, 1001).forEach(i -> many.resource("site-" + i));

        refused(fromVtn(many), OadrResponseCode.INVALID_DATA, "eiTarget names 1001 resourceIDs, more than 1000");
    }

    @Test
    void startAfterIsTheRandomizationInSeconds() {
        assertThat(accepted(event().ven(VEN).startAfter(Duration.ofMinutes(10))).startAfterSeconds()).isEqualTo(600);
        assertThat(accepted(event().ven(VEN).startAfter(Duration.ZERO)).startAfterSeconds()).isZero();
        assertThat(accepted(event().ven(VEN).startAfter(Duration.ofDays(1))).startAfterSeconds()).isEqualTo(86_400);
        assertThat(accepted(event().ven(VEN)).startAfterSeconds()).isZero();
    }

    @Test
    void moreThanADayOfRandomizationIsInvalid() {
        refused(fromVtn(event().ven(VEN).startAfter(Duration.ofDays(1).plusSeconds(1))), OadrResponseCode.INVALID_DATA,
                "startafter PT24H1S must be from PT0S to PT24H");
        refused(fromVtn(event().ven(VEN).startAfter(Duration.ofMinutes(-5))), OadrResponseCode.INVALID_DATA,
                "startafter PT-5M must be from PT0S to PT24H");
    }

    private static VtnXml.Event event() {
        return VtnXml.event("EVT-T", START).signal(signal("SIMPLE", "level", Duration.ofMinutes(30), "1"));
    }

    private DrEvent accepted(VtnXml.Event event) {
        return accepted(fromVtn(event));
    }

    private DrEvent accepted(OadrEvent event) {
        Verdict verdict = validator.validate(VTN, event, NOW);
        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        return ((Verdict.Accepted) verdict).event();
    }

    private void refused(OadrEvent event, OadrResponseCode code, String reasonPart) {
        assertThat(validator.validate(VTN, event, NOW)).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(code);
            assertThat(refused.reason()).contains(reasonPart);
        });
    }
}
