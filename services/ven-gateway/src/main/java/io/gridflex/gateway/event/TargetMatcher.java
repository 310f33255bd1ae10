package io.gridflex.gateway.event;

import io.gridflex.openadr.model.ei.EiTargetType;

/**
 * Decides whether an event is meant for this VEN: its venID, a group we were told we belong to, or a resource we
 * registered. A target naming only parties, grid nodes or resources that are not ours is not ours, and neither is an
 * empty one, because executing load reductions meant for someone else costs real money.
 */
final class TargetMatcher {

    private TargetMatcher() {
    }

    static boolean matches(EiTargetType target, String venId, Audience audience) {
        if (target == null) {
            return false;
        }
        if (target.getVenID().stream().map(String::strip).anyMatch(venId::equals)) {
            return true;
        }
        return target.getGroupID().stream().map(String::strip).anyMatch(audience.groups()::contains)
                || target.getResourceID().stream().map(String::strip).anyMatch(audience.resources()::contains);
    }
}
