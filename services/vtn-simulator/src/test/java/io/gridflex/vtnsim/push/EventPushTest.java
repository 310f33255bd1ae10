package io.gridflex.vtnsim.push;

import static io.gridflex.vtnsim.VtnTestClient.createEvent;
import static io.gridflex.vtnsim.VtnTestClient.post;
import static io.gridflex.vtnsim.VtnTestClient.requestId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.VenExchange;
import io.gridflex.openadr.model.oadr.OadrCreatedPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A push VEN (a plain HTTP server of the test's own) is sent every change of its events at once, to
 * {@code <transport address>/OpenADR2/Simple/2.0b/EiEvent}, and what it answered is in the push log.
 */
@QuarkusTest
class EventPushTest {

    private static final OpenAdrXml XML = new OpenAdrXml();
    private static final List<String> PATHS = new CopyOnWriteArrayList<>();
    private static final List<OadrDistributeEventType> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer ven;

    @BeforeAll
    static void startVen() throws IOException {
        ven = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        ven.createContext("/", exchange -> {
            try (exchange) {
                PATHS.add(exchange.getRequestURI().getPath());
                RECEIVED.add(OadrMessages.body(XML.unmarshal(
                        exchange.getRequestBody().readAllBytes())) instanceof OadrDistributeEventType distribute
                                ? distribute
                                : null);
                // As OpenADR's push asks: an empty 200; the oadrCreatedEvent would follow as a request of its own.
                exchange.sendResponseHeaders(200, -1);
            }
        });
        ven.start();
    }

    @AfterAll
    static void stopVen() {
        ven.stop(0);
    }

    @Test
    void eachChangeOfAnEventIsPushedToThePushVenAtOnce() {
        String address = "http://127.0.0.1:" + ven.getAddress().getPort() + "/ven-a";
        OadrCreatedPartyRegistrationType created = post("EiRegisterParty", OadrMessages.createPartyRegistration(
                requestId(), "site-push", VenExchange.push(address), false)).getOadrSignedObject()
                .getOadrCreatedPartyRegistration();
        String venId = created.getVenID();

        String eventId = createEvent(venId, 800, 900);
        given().post("/admin/events/{id}/cancel", eventId).then().statusCode(200);

        assertThat(PATHS).containsExactly("/ven-a/OpenADR2/Simple/2.0b/EiEvent",
                "/ven-a/OpenADR2/Simple/2.0b/EiEvent");
        assertThat(RECEIVED).extracting(d -> d.getOadrEvent().getFirst().getEiEvent().getEventDescriptor())
                .extracting(descriptor -> descriptor.getEventID() + "#" + descriptor.getModificationNumber())
                .containsExactly(eventId + "#0", eventId + "#1");
        JsonPath pushes = given().queryParam("venId", venId).get("/admin/pushes").then().statusCode(200).extract()
                .jsonPath();
        assertThat(pushes.getList("httpStatus", Integer.class)).containsExactly(200, 200);
        assertThat(pushes.getList("answer", String.class)).containsExactly("empty", "empty");
        assertThat(pushes.getList("message", String.class)).containsOnly("oadrDistributeEvent");
    }
}
