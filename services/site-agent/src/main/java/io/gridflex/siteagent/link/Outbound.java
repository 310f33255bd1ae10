package io.gridflex.siteagent.link;

/** Where the agent's outgoing records go: to Kafka, by way of the link journal. */
@FunctionalInterface
public interface Outbound {

    /**
     * Keeps the record for {@code channel} until the broker has acknowledged it. When this returns the record is on
     * local disk and survives a crash of the agent; it is sent in order after every record handed over before it.
     *
     * @throws java.io.UncheckedIOException when the record cannot be written to disk
     */
    void send(LinkChannel channel, String key, String json);
}
