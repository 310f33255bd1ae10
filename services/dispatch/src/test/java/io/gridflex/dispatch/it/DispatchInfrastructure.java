package io.gridflex.dispatch.it;

import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;

/** Topics every dispatch test uses, created once on the shared broker. */
final class DispatchInfrastructure {

    private DispatchInfrastructure() {
    }

    static void createTopics() {
        KafkaTestResource.broker().createTopics(Topics.platform(), 3);
    }
}
