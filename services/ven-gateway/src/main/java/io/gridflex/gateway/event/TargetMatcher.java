package io.gridflex.gateway.event;

import java.util.Set;

import io.gridflex.openadr.model.ei.EiTargetType;

/**
 * Decides whether an event is meant for this VEN. Only the venID and the groups we were told we belong to count: a
 * target naming resources, parties or grid nodes that GridFlex cannot check is not ours, and neither is an empty one,
 * because executing load reductions meant for someone else costs real money.
 */
final class TargetMatcher {

    private TargetMatcher() {
    }

    static boolean matches(EiTargetType target, String venId, Set<String> acceptedGroups) {
        if (target == null) {
            return false;
        }
        if (target.getVenID().stream().map(String::strip).anyMatch(venId::equals)) {
            return true;
        }
        return target.getGroupID().stream().map(String::strip).anyMatch(acceptedGroups::contains);
    }
}
