package io.gridflex.siteagent.link;

import java.util.Arrays;
import java.util.Optional;

/** The agent's outgoing Kafka channels, each a producer of its own with the channel's configuration. */
public enum LinkChannel {

    SCHEDULE_ACKS("schedule-acks"),
    SITE_TELEMETRY("site-telemetry");

    private final String channel;

    LinkChannel(String channel) {
        this.channel = channel;
    }

    /** The channel's name, as in {@code mp.messaging.outgoing.<name>.*}; also how the journal names it. */
    public String channel() {
        return channel;
    }

    static Optional<LinkChannel> named(String channel) {
        return Arrays.stream(values()).filter(c -> c.channel.equals(channel)).findFirst();
    }
}
