package io.gridflex.siteagent.miner;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.gridflex.siteagent.SiteConfig;
import io.quarkus.arc.All;

/**
 * The site's inventory and the driver that speaks to each of its miners. Every firmware the agent supports has one
 * driver bean; a miner is driven by the driver of the firmware its inventory entry names.
 */
@ApplicationScoped
public class MinerDrivers {

    private final Map<Firmware, MinerDriver> byFirmware = new EnumMap<>(Firmware.class);
    private final Map<MinerEndpoint, InventoryEntry> inventory = new LinkedHashMap<>();
    private final double defaultNominalW;

    public MinerDrivers(SiteConfig config, @All List<MinerDriver> drivers) {
        for (MinerDriver driver : drivers) {
            if (byFirmware.put(driver.firmware(), driver) != null) {
                throw new IllegalStateException("two drivers for " + driver.firmware());
            }
        }
        for (String text : config.miners()) {
            InventoryEntry entry = InventoryEntry.parse(text);
            if (inventory.put(entry.endpoint(), entry) != null) {
                throw new IllegalArgumentException("gridflex.site.miners lists " + entry.endpoint() + " twice");
            }
            if (!byFirmware.containsKey(entry.firmware())) {
                throw new IllegalArgumentException("gridflex.site.miners: no driver for " + entry.firmware().key()
                        + " (miner " + entry.endpoint() + ")");
            }
        }
        if (inventory.isEmpty()) {
            throw new IllegalArgumentException("gridflex.site.miners is empty: the agent has nothing to drive");
        }
        this.defaultNominalW = config.miner().nominalW();
    }

    /** The miners, in inventory order. */
    public List<MinerEndpoint> endpoints() {
        return new ArrayList<>(inventory.keySet());
    }

    public InventoryEntry entry(MinerEndpoint miner) {
        InventoryEntry entry = inventory.get(miner);
        if (entry == null) {
            throw new IllegalArgumentException("no miner " + miner + " in the inventory");
        }
        return entry;
    }

    public MinerDriver driver(MinerEndpoint miner) {
        return byFirmware.get(entry(miner).firmware());
    }

    /** The draw to assume for a hashing miner whose firmware reports none. */
    public double nominalW(MinerEndpoint miner) {
        return entry(miner).nominalW().orElse(defaultNominalW);
    }

    /** Builds the drivers' shared settings from the site's configuration. */
    @Singleton
    static class SettingsProducer {

        @Produces
        @Singleton
        DriverSettings driverSettings(SiteConfig config, Clock clock) {
            Optional<Path> file = config.miner().credentialsFile();
            return new DriverSettings(config.miner().timeout(), clock,
                    file.map(MinerCredentials::load).orElseGet(MinerCredentials::none));
        }
    }
}
