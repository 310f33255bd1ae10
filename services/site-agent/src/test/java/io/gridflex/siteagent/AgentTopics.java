package io.gridflex.siteagent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.TestKafka;

/** The agent's topics as a test sees them: schedules in, acks out, through a real broker. */
public final class AgentTopics implements AutoCloseable {

    private static final MessageCodec CODEC = new MessageCodec();

    private final TestKafka kafka;
    private final String site;

    /** @param clientConfig how to reach the broker: its super user's settings, to play dispatch's part */
    public AgentTopics(Map<String, Object> clientConfig, String site) {
        this.kafka = new TestKafka(clientConfig);
        this.site = site;
    }

    public TestKafka kafka() {
        return kafka;
    }

    /** Sends a new revision of the site's schedule, issued now. */
    public SiteSchedule send(ScheduleSegment... segments) {
        SiteSchedule schedule = Schedules.schedule(site, Schedules.nextRevision(), Instant.now(), segments);
        send(schedule);
        return schedule;
    }

    public void send(SiteSchedule schedule) {
        kafka.send(Topics.siteSchedules(schedule.siteId()), schedule.siteId(), CODEC.encode(schedule));
    }

    /** The first ack of {@code revision} with {@code status} (and, if not null, for the segment from that start). */
    public ScheduleAck awaitAck(long revision, ScheduleAck.Status status, Instant segmentStart, Duration patience) {
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.scheduleAcks(site),
                isAck(a -> a.revision() == revision && a.status() == status
                        && (segmentStart == null || segmentStart.equals(a.segmentStart()))),
                patience);
        if (!site.equals(record.key())) {
            throw new AssertionError("ack keyed " + record.key() + ", not " + site);
        }
        return CODEC.decode(ScheduleAck.class, record.value());
    }

    /** Every ack of this site that matches, from the start of the topic. */
    public List<ScheduleAck> acks(Predicate<ScheduleAck> filter) {
        return kafka.poll(Topics.scheduleAcks(site), isAck(filter), Duration.ofSeconds(2)).stream()
                .map(r -> CODEC.decode(ScheduleAck.class, r.value())).toList();
    }

    private Predicate<ConsumerRecord<String, String>> isAck(Predicate<ScheduleAck> filter) {
        return r -> site.equals(r.key()) && filter.test(CODEC.decode(ScheduleAck.class, r.value()));
    }

    @Override
    public void close() {
        kafka.close();
    }
}
