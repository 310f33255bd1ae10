package io.gridflex.dispatch.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.TestKafka;

/**
 * The Kafka ends a dispatch test talks through: a producer for what VTNs and sites send, and a reader of every
 * schedule dispatch publishes. A test class registers one ({@code @RegisterExtension static final Channels channels =
 * new Channels();}); it opens on first use, once dispatch has started and the topics exist, and closes after the
 * class's last test.
 */
public final class Channels implements AfterAllCallback {

    private TestKafka kafka;
    private ScheduleTopic schedules;

    public synchronized TestKafka kafka() {
        open();
        return kafka;
    }

    public synchronized ScheduleTopic schedules() {
        open();
        return schedules;
    }

    private void open() {
        if (kafka == null) {
            DispatchInfrastructure.createTopics();
            kafka = new TestKafka(KafkaTestResource.adminConfig());
            schedules = new ScheduleTopic(KafkaTestResource.adminConfig());
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (kafka != null) {
            schedules.close();
            kafka.close();
            kafka = null;
            schedules = null;
        }
    }
}
