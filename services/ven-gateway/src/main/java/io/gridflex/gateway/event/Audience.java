package io.gridflex.gateway.event;

import java.util.Set;

/**
 * Whom besides its venID an event may address and still be this VEN's: the eiTarget groups the program was told it
 * belongs to, and the OpenADR resources it registered (its {@code resources.<resourceID>} in the program's
 * configuration). An event naming one of our resources is ours, and dispatch gives it to that resource's sites.
 */
public record Audience(Set<String> groups, Set<String> resources) {

    /** The venID alone. */
    public static final Audience VEN_ONLY = new Audience(Set.of(), Set.of());

    public Audience {
        groups = Set.copyOf(groups);
        resources = Set.copyOf(resources);
    }

    /** How a refusal names it, after the venID: empty for the venID alone. */
    String describe() {
        return (groups.isEmpty() ? "" : " or groups " + groups.stream().sorted().toList())
                + (resources.isEmpty() ? "" : " or resources " + resources.stream().sorted().toList());
    }
}
