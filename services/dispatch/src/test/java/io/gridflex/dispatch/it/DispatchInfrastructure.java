package io.gridflex.dispatch.it;

import java.util.List;

import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;

/** Topics every dispatch test uses, created once on the shared broker. */
final class DispatchInfrastructure {

    private DispatchInfrastructure() {
    }

    static void createTopics() {
        KafkaTestResource.broker().createTopics(List.of(Topics.DR_EVENTS, Topics.SITE_TELEMETRY,
                Topics.SCHEDULE_ACKS, Topics.SITE_SCHEDULES, Topics.DISPATCH_STATUS), 3);
    }
}
