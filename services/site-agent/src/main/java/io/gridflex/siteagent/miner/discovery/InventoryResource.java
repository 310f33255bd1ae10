package io.gridflex.siteagent.miner.discovery;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.InventoryEntry;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.status.StatusResource;

/** The inventory as the agent holds it now, where each miner came from, and what scanning changed lately. */
@Path("/api/inventory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inventory", description = "The site's miners: configured and found by scanning")
@RolesAllowed(StatusResource.SITE_OPERATOR)
public class InventoryResource {

    /**
     * The inventory.
     *
     * @param scanning whether the agent scans address ranges
     * @param ranges the ranges it scans
     * @param miners every miner, in inventory order
     * @param changes the latest changes scanning made, oldest first
     */
    public record InventoryView(boolean scanning, List<String> ranges, List<MinerView> miners,
            List<ChangeView> changes) {
    }

    /**
     * One miner.
     *
     * @param endpoint its {@code host:port}, its identity in the agent's state
     * @param firmware the firmware whose driver drives it
     * @param source {@code static} (gridflex.site.miners) or {@code scanned}
     * @param gone whether scanning no longer finds it (it is kept)
     */
    public record MinerView(String endpoint, String firmware, String source, boolean gone) {
    }

    /** One change: {@code new}, {@code firmware-changed}, {@code gone} or {@code returned}. */
    public record ChangeView(Instant at, String change, String miner, String before, String after, String detail) {
    }

    private final MinerDrivers drivers;
    private final Discovery discovery;

    public InventoryResource(MinerDrivers drivers, Discovery discovery) {
        this.drivers = drivers;
        this.discovery = discovery;
    }

    @GET
    @Operation(summary = "Every miner, whether configured or found by scanning, and the latest changes scanning made")
    public InventoryView inventory() {
        var gone = discovery.gone();
        List<MinerView> miners = drivers.entries().stream().map((InventoryEntry e) -> new MinerView(
                e.endpoint().toString(), e.firmware().key(), drivers.isStatic(e.endpoint()) ? "static" : "scanned",
                gone.contains(e.endpoint()))).toList();
        List<ChangeView> changes = discovery.changes().stream()
                .map(c -> new ChangeView(c.at(), c.kind().tag(), c.miner().toString(), key(c.before()),
                        key(c.after()), c.detail()))
                .toList();
        return new InventoryView(discovery.scanning(), discovery.ranges().stream().map(AddressRange::toString).toList(),
                miners, changes);
    }

    private static String key(Firmware firmware) {
        return firmware == null ? null : firmware.key();
    }
}
