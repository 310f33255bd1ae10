package io.gridflex.siteagent.miner.discovery;

import java.time.Instant;
import java.util.Locale;

import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.MinerEndpoint;

/**
 * A change scanning noticed in the inventory, logged once and counted.
 *
 * @param at when it was noticed
 * @param kind what changed
 * @param miner the miner's endpoint: its identity in the agent's state
 * @param before its firmware before (null for a new miner)
 * @param after its firmware now (null for a gone one)
 * @param detail what else is known, for people
 */
public record InventoryChange(Instant at, Kind kind, MinerEndpoint miner, Firmware before, Firmware after,
        String detail) {

    public enum Kind {

        /** A miner found where the inventory had none; added. */
        NEW,
        /** Another firmware's driver identifies a known miner; it gets that driver. */
        FIRMWARE_CHANGED,
        /** A scanned miner no longer identifies as anything; kept (it may be held asleep), reported. */
        GONE,
        /** A gone miner answers again. */
        RETURNED,
        /** A known unit (by its hardware identity) answers at another address; its entry and holds follow it. */
        MOVED,
        /** Another unit answers at a known address while the one that was there is found nowhere; reported. */
        REPLACED;

        /** The metric tag: lower case, hyphenated. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
