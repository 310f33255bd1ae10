package io.gridflex.dispatch.event;

import io.gridflex.dispatch.command.AckView;
import io.gridflex.dispatch.command.CommandView;

/**
 * Where one site stands for an event.
 *
 * @param siteId the site
 * @param command its latest command for the event
 * @param latestAck the latest step it reported for any of the event's commands, or null if none yet
 */
public record SiteDispatch(String siteId, CommandView command, AckView latestAck) {
}
