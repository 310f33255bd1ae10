package io.gridflex.minersim.fleet;

/**
 * Where one miner of a fleet is reached and what it speaks: what a site agent's inventory needs.
 *
 * @param minerId the miner's id, e.g. {@code site-a-m01}
 * @param firmware the API it serves
 * @param host the address it listens on (its own loopback address in per-miner addressing)
 * @param port the port (the firmware's real port in per-miner addressing unless overridden)
 */
public record MinerAddress(String minerId, Firmware firmware, String host, int port) {

    public String endpoint() {
        return host + ":" + port;
    }
}
