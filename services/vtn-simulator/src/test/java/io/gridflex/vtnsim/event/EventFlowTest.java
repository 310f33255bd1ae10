package io.gridflex.vtnsim.event;

import static io.gridflex.vtnsim.VtnTestClient.adminEvent;
import static io.gridflex.vtnsim.VtnTestClient.answer;
import static io.gridflex.vtnsim.VtnTestClient.code;
import static io.gridflex.vtnsim.VtnTestClient.createEvent;
import static io.gridflex.vtnsim.VtnTestClient.distribution;
import static io.gridflex.vtnsim.VtnTestClient.poll;
import static io.gridflex.vtnsim.VtnTestClient.post;
import static io.gridflex.vtnsim.VtnTestClient.register;
import static io.gridflex.vtnsim.VtnTestClient.requestId;
import static io.gridflex.vtnsim.VtnTestClient.response;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.ei.EiEventType;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.ei.IntervalType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.ei.SignalPayloadType;
import io.gridflex.openadr.model.ei.SignalTypeEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.ResponseRequiredType;
import io.gridflex.openadr.model.power.PowerRealType;
import io.gridflex.openadr.model.siscale.SiScaleCodeType;
import io.gridflex.vtnsim.VtnTestClient.Registration;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class EventFlowTest {

    @Test
    void aPollDeliversANewEventOnceThenNothing() {
        Registration ven = register("site-poll");
        assertThat(code(response(poll(ven.venId())).getEiResponse())).isEqualTo("200");

        String eventId = createEvent(ven.venId(), 1500, 900);

        OadrDistributeEventType distributed = distribution(poll(ven.venId()));
        assertThat(distributed.getVtnID()).isEqualTo("gridflex-vtn-sim");
        assertThat(distributed.getRequestID()).isNotBlank();
        assertThat(distributed.getOadrEvent()).singleElement().satisfies(event -> {
            assertThat(event.getOadrResponseRequired()).isEqualTo(ResponseRequiredType.ALWAYS);
            EiEventType ei = event.getEiEvent();
            assertThat(ei.getEventDescriptor().getEventID()).isEqualTo(eventId);
            assertThat(ei.getEventDescriptor().getModificationNumber()).isZero();
            assertThat(ei.getEventDescriptor().getEventStatus()).isEqualTo(EventStatusEnumeratedType.ACTIVE);
            assertThat(ei.getEventDescriptor().getEiMarketContext().getMarketContext())
                    .isEqualTo("oadr://gridflex.io/programs/load-dispatch");
            assertThat(ei.getEventDescriptor().getTestEvent()).isEqualTo("false");
            assertThat(ei.getEiTarget().getVenID()).containsExactly(ven.venId());
            assertThat(ei.getEiActivePeriod().getProperties().getDuration().getDuration())
                    .isEqualTo(Duration.ofSeconds(900));
            EiEventSignalType signal = ei.getEiEventSignals().getEiEventSignal().getFirst();
            assertThat(signal.getSignalName()).isEqualTo("LOAD_DISPATCH");
            assertThat(signal.getSignalType()).isEqualTo(SignalTypeEnumeratedType.DELTA);
            PowerRealType unit = (PowerRealType) signal.getItemBase().getValue();
            assertThat(unit.getItemUnits()).isEqualTo("W");
            assertThat(unit.getSiScaleCode()).isEqualTo(SiScaleCodeType.MEGA);
            assertThat(megawatts(signal.getIntervals().getInterval())).containsExactly(-1.5f);
        });

        assertThat(code(response(poll(ven.venId())).getEiResponse())).isEqualTo("200");

        JsonPath admin = adminEvent(eventId);
        assertThat(admin.getString("vens[0].venId")).isEqualTo(ven.venId());
        assertThat(admin.getString("vens[0].distributedAt")).isNotNull();
        assertThat(admin.getInt("vens[0].distributedModificationNumber")).isZero();
        assertThat(admin.getString("vens[0].respondedAt")).isNull();
    }

    @Test
    void anEventNamingResourcesCarriesThemBesideTheVenId() {
        Registration ven = register("site-resources");
        String eventId = given().contentType(ContentType.JSON)
                .body(Map.of("reductionKw", 900, "durationSeconds", 600, "venId", ven.venId(), "resourceIds",
                        List.of("plant-a", "plant-b", "plant-a")))
                .when().post("/admin/events").then().statusCode(201).extract().path("eventId");

        OadrDistributeEventType distributed = distribution(poll(ven.venId()));

        assertThat(distributed.getOadrEvent()).singleElement().satisfies(event -> {
            assertThat(event.getEiEvent().getEventDescriptor().getEventID()).isEqualTo(eventId);
            assertThat(event.getEiEvent().getEiTarget().getVenID()).containsExactly(ven.venId());
            assertThat(event.getEiEvent().getEiTarget().getResourceID()).containsExactly("plant-a", "plant-b");
        });
        given().contentType(ContentType.JSON)
                .body(Map.of("reductionKw", 900, "durationSeconds", 600, "resourceIds", List.of("has space")))
                .when().post("/admin/events").then().statusCode(400);
    }

    @Test
    void anOptInIsRecordedPerVen() {
        Registration ven = register("site-optin");
        String eventId = createEvent(ven.venId(), 800, 600);
        OadrDistributeEventType distributed = distribution(poll(ven.venId()));

        OadrPayload reply = answer(ven.venId(), distributed.getRequestID(), EventReply.optIn(eventId, 0));

        assertThat(code(response(reply).getEiResponse())).isEqualTo("200");
        JsonPath admin = adminEvent(eventId);
        assertThat(admin.getString("vens[0].optType")).isEqualTo("optIn");
        assertThat(admin.getString("vens[0].responseCode")).isEqualTo("200");
        assertThat(admin.getInt("vens[0].modificationNumber")).isZero();
        assertThat(admin.getString("vens[0].respondedAt")).isNotNull();
    }

    @Test
    void anOptOutIsRecordedWithItsReason() {
        Registration ven = register("site-optout");
        String eventId = createEvent(ven.venId(), 800, 600);
        OadrDistributeEventType distributed = distribution(poll(ven.venId()));

        answer(ven.venId(), distributed.getRequestID(),
                EventReply.optOut(eventId, 0, OadrResponseCode.SIGNAL_NOT_SUPPORTED));

        JsonPath admin = adminEvent(eventId);
        assertThat(admin.getString("vens[0].optType")).isEqualTo("optOut");
        assertThat(admin.getString("vens[0].responseCode")).isEqualTo("460");
    }

    @Test
    void anEventWithStartRandomizationCarriesItAndKeepsItWhenModified() {
        Registration ven = register("site-start-after");
        String eventId = given().contentType(ContentType.JSON)
                .body(Map.of("reductionKw", 900, "durationSeconds", 600, "venId", ven.venId(), "startAfterSeconds",
                        90))
                .when().post("/admin/events").then().statusCode(201).extract().path("eventId");

        EiEventType first = distribution(poll(ven.venId())).getOadrEvent().getFirst().getEiEvent();
        assertThat(first.getEiActivePeriod().getProperties().getTolerance().getTolerate().getStartafter())
                .isEqualTo(Duration.ofSeconds(90));
        given().contentType(ContentType.JSON).body(Map.of("reductionKw", 1200)).when().put("/admin/events/" + eventId)
                .then().statusCode(200);
        EiEventType modified = distribution(poll(ven.venId())).getOadrEvent().getFirst().getEiEvent();
        assertThat(modified.getEiActivePeriod().getProperties().getTolerance().getTolerate().getStartafter())
                .isEqualTo(Duration.ofSeconds(90));

        for (int bad : new int[]{-1, 86_401}) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("reductionKw", 900, "durationSeconds", 600, "startAfterSeconds", bad))
                    .when().post("/admin/events").then().statusCode(400);
        }
        // Without it, none is sent.
        String plain = createEvent(ven.venId(), 500, 600);
        assertThat(distribution(poll(ven.venId())).getOadrEvent()).filteredOn(
                e -> e.getEiEvent().getEventDescriptor().getEventID().equals(plain)).singleElement()
                .satisfies(e -> assertThat(e.getEiEvent().getEiActivePeriod().getProperties().getTolerance())
                        .isNull());
    }

    @Test
    void aModificationIsRedistributedWithTheNextNumber() {
        Registration ven = register("site-modify");
        String eventId = createEvent(ven.venId(), 1000, 600);
        distribution(poll(ven.venId()));

        given().contentType(ContentType.JSON).body(Map.of("reductionKw", 2500, "durationSeconds", 1200))
                .when().put("/admin/events/" + eventId)
                .then().statusCode(200);

        OadrDistributeEventType redistributed = distribution(poll(ven.venId()));
        EiEventType ei = redistributed.getOadrEvent().getFirst().getEiEvent();
        assertThat(ei.getEventDescriptor().getModificationNumber()).isEqualTo(1);
        assertThat(ei.getEventDescriptor().getModificationReason()).isEqualTo("modified");
        assertThat(ei.getEiActivePeriod().getProperties().getDuration().getDuration())
                .isEqualTo(Duration.ofSeconds(1200));
        assertThat(megawatts(ei.getEiEventSignals().getEiEventSignal().getFirst().getIntervals().getInterval()))
                .containsExactly(-2.5f);
        assertThat(code(response(poll(ven.venId())).getEiResponse())).isEqualTo("200");

        // The answer to the old modification is out of sequence; the current one is recorded.
        assertThat(code(response(answer(ven.venId(), redistributed.getRequestID(), EventReply.optIn(eventId, 0)))
                .getEiResponse())).isEqualTo("450");
        assertThat(adminEvent(eventId).getString("vens[0].respondedAt")).isNull();
        assertThat(code(response(answer(ven.venId(), redistributed.getRequestID(), EventReply.optIn(eventId, 1)))
                .getEiResponse())).isEqualTo("200");
        assertThat(adminEvent(eventId).getInt("vens[0].modificationNumber")).isEqualTo(1);
    }

    @Test
    void aSimpleEventIsALevelSignalAndItsLevelIsWhatChanges() {
        Registration ven = register("site-simple");
        String eventId = given().contentType(ContentType.JSON)
                .body(Map.of("level", 2, "durationSeconds", 600, "venId", ven.venId()))
                .when().post("/admin/events").then().statusCode(201).body("level", equalTo(2))
                .extract().path("eventId");

        EiEventSignalType signal = distribution(poll(ven.venId())).getOadrEvent().getFirst().getEiEvent()
                .getEiEventSignals().getEiEventSignal().getFirst();
        assertThat(signal.getSignalName()).isEqualTo("SIMPLE");
        assertThat(signal.getSignalType()).isEqualTo(SignalTypeEnumeratedType.LEVEL);
        assertThat(signal.getItemBase()).isNull();
        assertThat(megawatts(signal.getIntervals().getInterval())).as("the level").containsExactly(2f);

        given().contentType(ContentType.JSON).body(Map.of("level", 3)).when().put("/admin/events/" + eventId)
                .then().statusCode(200).body("modificationNumber", equalTo(1));
        assertThat(megawatts(distribution(poll(ven.venId())).getOadrEvent().getFirst().getEiEvent()
                .getEiEventSignals().getEiEventSignal().getFirst().getIntervals().getInterval())).containsExactly(3f);

        given().contentType(ContentType.JSON).body(Map.of("reductionKw", 500)).when().put("/admin/events/" + eventId)
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("level", 4)).when().put("/admin/events/" + eventId)
                .then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of("level", 1, "reductionKw", 100, "durationSeconds", 600, "venId", ven.venId()))
                .when().post("/admin/events").then().statusCode(400);
        String dispatch = createEvent(ven.venId(), 1000, 600);
        given().contentType(ContentType.JSON).body(Map.of("level", 2)).when().put("/admin/events/" + dispatch)
                .then().statusCode(400);
    }

    @Test
    void aCancellationIsRedistributed() {
        Registration ven = register("site-cancel");
        String eventId = createEvent(ven.venId(), 1000, 600);
        distribution(poll(ven.venId()));

        given().when().post("/admin/events/" + eventId + "/cancel")
                .then().statusCode(200);

        OadrDistributeEventType redistributed = distribution(poll(ven.venId()));
        EiEventType ei = redistributed.getOadrEvent().getFirst().getEiEvent();
        assertThat(ei.getEventDescriptor().getEventID()).isEqualTo(eventId);
        assertThat(ei.getEventDescriptor().getModificationNumber()).isEqualTo(1);
        assertThat(ei.getEventDescriptor().getEventStatus()).isEqualTo(EventStatusEnumeratedType.CANCELLED);
        assertThat(redistributed.getOadrEvent().getFirst().getOadrResponseRequired())
                .isEqualTo(ResponseRequiredType.ALWAYS);
        assertThat(code(response(poll(ven.venId())).getEiResponse())).isEqualTo("200");
        assertThat(adminEvent(eventId).getString("status")).isEqualTo("cancelled");
    }

    @Test
    void aWithdrawnEventIsLeftOutOfTheNextDistributionWhichIsEmptyWhenNothingElseIsOpen() {
        Registration ven = register("site-withdraw");
        String eventId = createEvent(ven.venId(), 1000, 600);
        distribution(poll(ven.venId()));

        given().when().post("/admin/events/" + eventId + "/withdraw")
                .then().statusCode(200).body("modificationNumber", equalTo(0))
                .body("withdrawnAt", notNullValue());

        OadrDistributeEventType without = distribution(poll(ven.venId()));
        assertThat(without.getOadrEvent()).as("an implied cancellation: the event is left out").isEmpty();
        assertThat(without.getVtnID()).isNotBlank();
        assertThat(code(response(poll(ven.venId())).getEiResponse())).as("told once").isEqualTo("200");
        assertThat(adminEvent(eventId).getString("status")).isEqualTo("cancelled");
        given().when().post("/admin/events/" + eventId + "/withdraw").then().statusCode(409);
        given().when().post("/admin/events/evt-none/withdraw").then().statusCode(404);
    }

    @Test
    void aRequestEventReturnsEveryOpenEvent() {
        Registration ven = register("site-request");
        String first = createEvent(ven.venId(), 100, 600);
        String second = createEvent(ven.venId(), 200, 600);
        String cancelled = createEvent(ven.venId(), 300, 600);
        given().when().post("/admin/events/" + cancelled + "/cancel").then().statusCode(200);

        OadrDistributeEventType all = distribution(
                post("EiEvent", OadrMessages.requestEvent(requestId(), ven.venId(), null)));

        assertThat(code(all.getEiResponse())).isEqualTo("200");
        assertThat(all.getOadrEvent()).extracting(e -> e.getEiEvent().getEventDescriptor().getEventID())
                .containsExactly(first, second);
    }

    @Test
    void aRequestEventFromAnUnknownVenIsRefused() {
        OadrDistributeEventType refused = distribution(
                post("EiEvent", OadrMessages.requestEvent(requestId(), "ven-unknown", null)));

        assertThat(code(refused.getEiResponse())).isEqualTo("452");
        assertThat(refused.getOadrEvent()).isEmpty();
    }

    @Test
    void wrongAnswersAreRefusedWithTheRightCodeAndChangeNothing() {
        Registration ven = register("site-wrong");
        Registration other = register("site-other");
        String eventId = createEvent(ven.venId(), 1000, 600);
        String othersEvent = createEvent(other.venId(), 1000, 600);
        String requestId = distribution(poll(ven.venId())).getRequestID();

        assertThat(code(response(answer(ven.venId(), requestId, EventReply.optIn("evt-unknown", 0)))
                .getEiResponse())).isEqualTo("452");
        assertThat(code(response(answer(ven.venId(), requestId, EventReply.optIn(othersEvent, 0)))
                .getEiResponse())).isEqualTo("462");
        assertThat(code(response(answer("ven-unknown", requestId, EventReply.optIn(eventId, 0)))
                .getEiResponse())).isEqualTo("452");
        assertThat(code(response(answer(ven.venId(), requestId, EventReply.optIn(eventId, 0),
                EventReply.optIn("evt-unknown", 0))).getEiResponse())).isEqualTo("452");

        assertThat(adminEvent(eventId).getString("vens[0].respondedAt")).isNull();
        assertThat(adminEvent(othersEvent).getString("vens[0].respondedAt")).isNull();
    }

    @Test
    void anEventWithoutVenIdGoesToEveryRegisteredVen() {
        Registration a = register("site-all-a");
        Registration b = register("site-all-b");

        String eventId = given().contentType(ContentType.JSON)
                .body(Map.of("reductionKw", 50, "durationSeconds", 300, "testEvent", true))
                .when().post("/admin/events")
                .then().statusCode(201)
                .extract().path("eventId");

        List<String> targets = adminEvent(eventId).getList("venIds", String.class);
        assertThat(targets).contains(a.venId(), b.venId());
        for (Registration ven : List.of(a, b)) {
            assertThat(distribution(poll(ven.venId())).getOadrEvent())
                    .anySatisfy(event -> {
                        assertThat(event.getEiEvent().getEventDescriptor().getEventID()).isEqualTo(eventId);
                        assertThat(event.getEiEvent().getEventDescriptor().getTestEvent()).isEqualTo("true");
                    });
        }
    }

    private static List<Float> megawatts(List<IntervalType> intervals) {
        return intervals.stream()
                .map(interval -> (SignalPayloadType) interval.getStreamPayloadBase().getFirst().getValue())
                .map(payload -> ((PayloadFloatType) payload.getPayloadBase().getValue()).getValue())
                .toList();
    }
}
