package io.gridflex.dispatch.event;

import java.util.List;

import io.gridflex.dispatch.command.CommandView;

/**
 * One event with what was commanded and reported for it.
 *
 * @param event the event and its allocation totals
 * @param sites per site: the latest command and the latest ack, ordered by site id
 * @param commands every command issued for the event, by revision then site
 */
public record EventDetail(EventSummary event, List<SiteDispatch> sites, List<CommandView> commands) {
}
