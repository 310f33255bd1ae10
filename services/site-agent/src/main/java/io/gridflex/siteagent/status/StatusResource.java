package io.gridflex.siteagent.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.execution.OtherLoad;
import io.gridflex.siteagent.execution.Requirement;
import io.gridflex.siteagent.link.LinkJournal;
import io.gridflex.siteagent.link.LinkRelay;
import io.gridflex.siteagent.link.SiteLink;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.gridflex.siteagent.schedule.SegmentProgress;

@Path("/api/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "status", description = "What the site agent is doing")
@RolesAllowed(StatusResource.SITE_OPERATOR)
public class StatusResource {

    /** The role of the site's own operators, the only callers of the status API. */
    public static final String SITE_OPERATOR = "site-operator";

    private final SiteConfig config;
    private final Clock clock;
    private final ScheduleBook book;
    private final FleetView fleet;
    private final SiteLink link;
    private final OtherLoad otherLoad;

    public StatusResource(SiteConfig config, Clock clock, ScheduleBook book, FleetView fleet, SiteLink link,
            OtherLoad otherLoad) {
        this.otherLoad = otherLoad;
        this.config = config;
        this.clock = clock;
        this.book = book;
        this.fleet = fleet;
        this.link = link;
    }

    @GET
    @Operation(summary = "The site, the schedule segment in force, what it requires and holds, and each miner")
    @APIResponse(responseCode = "200", description = "The agent's status", content = @Content(schema = @Schema(implementation = StatusView.class)))
    public StatusView status() {
        Instant now = clock.instant();
        ScheduleBook.View view = book.view();
        Map<String, HeldMiner> held = view.held().stream()
                .collect(Collectors.toMap(HeldMiner::endpoint, Function.identity(), (a, b) -> b));
        List<MinerStatus> statuses = fleet.snapshot();
        List<StatusView.MinerView> miners = statuses.stream().map(m -> miner(m, held.get(m.endpoint().toString())))
                .toList();
        ScheduleSegment segment = view.segmentAt(now).orElse(null);
        StatusView.SegmentView current = segment == null
                ? null
                : new StatusView.SegmentView(segment.start(), segment.end(), segment.shedKw(), segment.importCapKw(),
                        segment.eventIds());
        Instant next = view.schedule() == null
                ? null
                : view.schedule().segments().stream().map(ScheduleSegment::start).filter(now::isBefore).findFirst()
                        .orElse(null);
        double requiredKw = Requirement.requiredW(segment, statuses, view.held(), otherLoad.watts(),
                config.maxImportKw() * 1000) / 1000;
        double heldKw = book.heldReductionKw();
        double siteW = statuses.stream().mapToDouble(MinerStatus::powerW).sum();
        int running = (int) statuses.stream().filter(MinerStatus::hashing).count();
        return new StatusView(config.id(), config.maxImportKw(), Math.round(siteW) / 1000.0, statuses.size(), running,
                view.revision(), current, next, round(requiredKw), round(heldKw), view.asleep().size(), phase(view),
                miners, link());
    }

    private StatusView.LinkView link() {
        LinkJournal.Backlog backlog = link.backlog();
        LinkRelay.Status relay = link.relayStatus();
        String state = relay.failing() ? "RETRYING" : backlog.records() > 0 ? "SENDING" : "IDLE";
        return new StatusView.LinkView(state, backlog.records(), backlog.bytes(), backlog.oldestAppendedAt(),
                backlog.dropped(), relay.lastFailure(), relay.lastFailureAt(), relay.lastSentAt());
    }

    private static String phase(ScheduleBook.View view) {
        SegmentProgress present = view.present();
        if (!view.restoring().isEmpty()) {
            return "RESTORING";
        }
        if (present != null) {
            return present.shed() ? "SHED" : "SHEDDING";
        }
        return view.held().isEmpty() ? "IDLE" : "RESTORING";
    }

    private static double round(double kw) {
        return Math.round(kw * 1000.0) / 1000.0;
    }

    private static StatusView.MinerView miner(MinerStatus status, HeldMiner held) {
        String state;
        if (status.last() == null) {
            state = "UNKNOWN";
        } else if (!status.reachable()) {
            state = "UNREACHABLE";
        } else if (held != null && !held.isAsleep()) {
            state = "WAKING";
        } else if (held != null && held.trimmed() && status.hashing()) {
            state = "TRIMMED";
        } else {
            state = status.hashing() ? "RUNNING" : "SLEEPING";
        }
        return new StatusView.MinerView(status.endpoint().toString(), state, status.powerW(),
                status.last() == null ? 0 : status.last().hashrateGhs(), held != null,
                status.last() == null ? null : status.last().at(), status.lastError());
    }
}
