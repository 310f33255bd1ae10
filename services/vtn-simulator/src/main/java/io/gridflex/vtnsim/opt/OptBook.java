package io.gridflex.vtnsim.opt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/** The opt schedules each VEN has created and not cancelled, by optID, so a cancellation can be checked. */
@ApplicationScoped
public class OptBook {

    private final Map<String, Set<String>> optIdsByVen = new HashMap<>();

    public synchronized void add(String venId, String optId) {
        optIdsByVen.computeIfAbsent(venId, id -> new HashSet<>()).add(optId);
    }

    /** @return false when the VEN has no such opt */
    public synchronized boolean remove(String venId, String optId) {
        Set<String> optIds = optIdsByVen.get(venId);
        return optIds != null && optIds.remove(optId);
    }

    public synchronized int count(String venId) {
        return optIdsByVen.getOrDefault(venId, Set.of()).size();
    }
}
