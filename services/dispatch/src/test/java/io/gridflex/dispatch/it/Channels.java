package io.gridflex.dispatch.it;

import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.TestKafka;

/**
 * The Kafka ends a dispatch test talks through, opened once per test class after the topics exist: a producer for
 * what VTNs and sites send, and a reader of every schedule dispatch publishes.
 */
public final class Channels implements AutoCloseable {

    private final TestKafka kafka;
    private final ScheduleTopic schedules;

    private Channels(TestKafka kafka, ScheduleTopic schedules) {
        this.kafka = kafka;
        this.schedules = schedules;
    }

    public static Channels open() {
        DispatchInfrastructure.createTopics();
        return new Channels(new TestKafka(KafkaTestResource.adminConfig()),
                new ScheduleTopic(KafkaTestResource.adminConfig()));
    }

    public TestKafka kafka() {
        return kafka;
    }

    public ScheduleTopic schedules() {
        return schedules;
    }

    @Override
    public void close() {
        schedules.close();
        kafka.close();
    }
}
