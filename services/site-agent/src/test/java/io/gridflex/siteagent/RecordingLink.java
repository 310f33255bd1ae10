package io.gridflex.siteagent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.siteagent.link.LinkChannel;
import io.gridflex.siteagent.link.Outbound;

/** Keeps what the agent would have sent to Kafka, for tests that wire the agent's parts by hand. */
public final class RecordingLink implements Outbound {

    private static final MessageCodec CODEC = new MessageCodec();

    private final List<String> payloads = new CopyOnWriteArrayList<>();
    private final Consumer<String> onSend;

    public RecordingLink() {
        this(payload -> {
        });
    }

    /** Also runs {@code onSend} as each payload is sent, e.g. to see what else was true at that moment. */
    public RecordingLink(Consumer<String> onSend) {
        this.onSend = onSend;
    }

    /** The schedule acknowledgements sent with {@code status}, oldest first. */
    public List<ScheduleAck> acks(ScheduleAck.Status status) {
        return payloads.stream().map(p -> CODEC.decode(ScheduleAck.class, p))
                .filter(a -> a.status() == status).toList();
    }

    public List<String> payloads() {
        return List.copyOf(payloads);
    }

    @Override
    public void send(LinkChannel channel, String key, String json) {
        onSend.accept(json);
        payloads.add(json);
    }
}
