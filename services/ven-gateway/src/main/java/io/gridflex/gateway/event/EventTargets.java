package io.gridflex.gateway.event;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.gridflex.messages.DrEvent;
import io.gridflex.openadr.model.ei.EiTargetType;

/**
 * The resources and groups an event names, as {@link DrEvent#targets()} carries them for dispatch to narrow the
 * event to the sites they map to. Whether the event is ours at all is {@link TargetMatcher}'s question, asked first.
 */
final class EventTargets {

    /** The DrEvent schema's bounds for one target id and for how many of each kind. */
    private static final Pattern WIRE_ID = Pattern.compile("[\\x21-\\x7e]{1,256}");
    private static final int MAX_IDS = 1000;

    private EventTargets() {
    }

    /**
     * The eiTarget's resourceIDs and groupIDs, trimmed, each once, in the VTN's order.
     *
     * @throws EventRefusal 454 for an id that cannot travel in a DrEvent; dropping it instead could widen the event
     *         to the whole program
     */
    static DrEvent.Targets of(EiTargetType target) {
        return new DrEvent.Targets(ids("resourceID", target.getResourceID()), ids("groupID", target.getGroupID()));
    }

    private static List<String> ids(String kind, List<String> given) {
        Set<String> ids = new LinkedHashSet<>();
        for (String raw : given) {
            String id = raw == null ? "" : raw.strip();
            if (!WIRE_ID.matcher(id).matches()) {
                throw EventRefusal.invalid("eiTarget " + kind + " '" + EventRefusal.printable(id)
                        + "' must be 1 to 256 printable ASCII characters without spaces");
            }
            ids.add(id);
        }
        if (ids.size() > MAX_IDS) {
            throw EventRefusal.invalid("eiTarget names " + ids.size() + " " + kind + "s, more than " + MAX_IDS);
        }
        return List.copyOf(ids);
    }
}
