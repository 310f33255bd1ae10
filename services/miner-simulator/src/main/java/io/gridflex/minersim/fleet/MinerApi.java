package io.gridflex.minersim.fleet;

/** The listening API endpoint of one simulated miner, whatever its firmware. */
public interface MinerApi extends AutoCloseable {

    String host();

    int port();

    /** {@code host:port}, the way a site agent is configured with it. */
    default String endpoint() {
        return host() + ":" + port();
    }

    boolean isListening();

    @Override
    void close();
}
