package io.gridflex.dispatch.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.registry.SiteRepository;
import io.gridflex.dispatch.registry.TargetRepository;
import io.gridflex.messages.DrEvent;

/**
 * Which sites an event may ask something of. A program event addresses the program's active enrolled sites, narrowed
 * to the sites its OpenADR resources and groups stand for when it names any. A manual event without a program names
 * its sites directly (as {@code resourceIds}); without any, it addresses every active site.
 */
@ApplicationScoped
public class SiteSelection {

    private final SiteRepository sites;
    private final TargetRepository targets;

    public SiteSelection(SiteRepository sites, TargetRepository targets) {
        this.sites = sites;
        this.targets = targets;
    }

    public Selected select(Connection connection, String programId, DrEvent.Targets eventTargets)
            throws SQLException {
        if (programId == null) {
            if (eventTargets.wholeProgram()) {
                return new Selected(sites.list(connection, false).stream().map(s -> s.siteId()).toList(), List.of());
            }
            return new Selected(eventTargets.resourceIds(), List.of());
        }
        List<String> enrolled = sites.activeIn(connection, programId);
        if (eventTargets.wholeProgram()) {
            return new Selected(enrolled, List.of());
        }
        TargetRepository.Resolution resolution = targets.resolve(connection, programId, eventTargets.resourceIds(),
                eventTargets.groupIds());
        Set<String> named = new TreeSet<>(resolution.siteIds());
        named.retainAll(enrolled);
        return new Selected(List.copyOf(named), resolution.unknown());
    }

    /**
     * @param siteIds the sites, by id
     * @param unknownTargets resources or groups the program does not define
     */
    public record Selected(List<String> siteIds, List<String> unknownTargets) {
    }
}
