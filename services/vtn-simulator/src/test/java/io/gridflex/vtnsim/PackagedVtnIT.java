package io.gridflex.vtnsim;

import static io.gridflex.vtnsim.VtnTestClient.adminEvent;
import static io.gridflex.vtnsim.VtnTestClient.answer;
import static io.gridflex.vtnsim.VtnTestClient.code;
import static io.gridflex.vtnsim.VtnTestClient.createEvent;
import static io.gridflex.vtnsim.VtnTestClient.distribution;
import static io.gridflex.vtnsim.VtnTestClient.poll;
import static io.gridflex.vtnsim.VtnTestClient.register;
import static io.gridflex.vtnsim.VtnTestClient.response;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.vtnsim.VtnTestClient.Registration;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application (target/quarkus-app/quarkus-run.jar), as other services' tests start it. */
@QuarkusIntegrationTest
class PackagedVtnIT {

    @Test
    void aVenRegistersReceivesAnEventAndAnswersIt() {
        Registration ven = register("site-packaged");
        String eventId = createEvent(ven.venId(), 1500, 600);

        OadrDistributeEventType distributed = distribution(poll(ven.venId()));
        assertThat(distributed.getOadrEvent()).singleElement()
                .satisfies(event -> assertThat(event.getEiEvent().getEventDescriptor().getEventID())
                        .isEqualTo(eventId));
        assertThat(code(response(answer(ven.venId(), distributed.getRequestID(), EventReply.optIn(eventId, 0)))
                .getEiResponse())).isEqualTo("200");
        assertThat(code(response(poll(ven.venId())).getEiResponse())).isEqualTo("200");

        assertThat(adminEvent(eventId).getString("vens[0].optType")).isEqualTo("optIn");
    }
}
