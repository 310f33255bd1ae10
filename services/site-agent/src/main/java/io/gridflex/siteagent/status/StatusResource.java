package io.gridflex.siteagent.status;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.command.CommandBook;
import io.gridflex.siteagent.command.HeldMiner;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerStatus;

@Path("/api/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "status", description = "What the site agent is doing")
public class StatusResource {

    private final SiteConfig config;
    private final CommandBook book;
    private final FleetView fleet;

    public StatusResource(SiteConfig config, CommandBook book, FleetView fleet) {
        this.config = config;
        this.book = book;
        this.fleet = fleet;
    }

    @GET
    @Operation(summary = "The site, its active command, and each miner's state and draw")
    public StatusView status() {
        CommandBook.View view = book.view();
        Map<String, HeldMiner> held = view.held().stream()
                .collect(Collectors.toMap(HeldMiner::endpoint, Function.identity(), (a, b) -> b));
        List<MinerStatus> statuses = fleet.snapshot();
        List<StatusView.MinerView> miners = statuses.stream().map(m -> miner(m, held.get(m.endpoint().toString())))
                .toList();
        StatusView.ActiveCommandView active = view.active().map(a -> new StatusView.ActiveCommandView(
                a.commandId(), a.command().eventId(), a.command().revision(), a.command().action().name(),
                a.command().shedKw(), a.command().start(), a.command().end(), a.phase().name(),
                (int) view.held().stream().filter(HeldMiner::isAsleep).count(), book.heldReductionKw())).orElse(null);
        double siteW = statuses.stream().mapToDouble(MinerStatus::powerW).sum();
        int running = (int) statuses.stream().filter(MinerStatus::hashing).count();
        return new StatusView(config.id(), config.maxImportKw(), Math.round(siteW) / 1000.0, statuses.size(),
                running, active, miners);
    }

    private static StatusView.MinerView miner(MinerStatus status, HeldMiner held) {
        String state;
        if (status.last() == null) {
            state = "UNKNOWN";
        } else if (!status.reachable()) {
            state = "UNREACHABLE";
        } else if (held != null && !held.isAsleep()) {
            state = "WAKING";
        } else {
            state = status.hashing() ? "RUNNING" : "SLEEPING";
        }
        return new StatusView.MinerView(status.endpoint().toString(), state, status.powerW(),
                status.last() == null ? 0 : status.last().hashrateGhs(), held != null,
                status.last() == null ? null : status.last().at(), status.lastError());
    }
}
