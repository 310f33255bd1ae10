package io.gridflex.vtnsim.ven;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The VENs registered with this VTN, in memory. Every method is atomic: registration, polling and cancellation
 * arrive concurrently from many VENs.
 */
@ApplicationScoped
public class VenRegistry {

    private final Map<String, Ven> byVenId = new LinkedHashMap<>();
    private final Set<String> preallocated = new HashSet<>();
    private final Set<String> held = new HashSet<>();

    /**
     * Registers a VEN. A VEN that presents a venID this VTN issued keeps it and its registrationID; one that presents
     * a venID allocated to it in advance ({@link #preallocate}) gets that venID and a fresh registrationID; any other
     * venID (none, or one from a VTN that has since restarted) gets fresh IDs, which the VEN must adopt.
     */
    public synchronized Ven register(String presentedVenId, String venName, Instant now) {
        return register(presentedVenId, venName, null, now);
    }

    /**
     * {@link #register(String, String, Instant)} for a VEN that may be pushed to.
     *
     * @param transportAddress where a push VEN takes this VTN's messages; null for a pull VEN
     */
    public synchronized Ven register(String presentedVenId, String venName, String transportAddress, Instant now) {
        Ven known = presentedVenId == null ? null : byVenId.get(presentedVenId);
        String venId = presentedVenId != null && preallocated.contains(presentedVenId)
                ? presentedVenId
                : newId("ven-");
        Ven ven = known != null
                ? known.reregistered(venName, transportAddress, now)
                : new Ven(venId, venName, newId("reg-"), now, null, transportAddress);
        byVenId.put(ven.venId(), ven);
        return ven;
    }

    /** Allocates a venID in advance: a VEN presenting it at registration is registered under it. */
    public synchronized void preallocate(String venId) {
        preallocated.add(venId);
    }

    public synchronized Optional<Ven> find(String venId) {
        return Optional.ofNullable(venId == null ? null : byVenId.get(venId));
    }

    public synchronized boolean isRegistered(String venId) {
        return venId != null && byVenId.containsKey(venId);
    }

    /**
     * Ends a registration. Nothing changes unless the registrationID is known and, when a venID is given too, both
     * belong to the same VEN.
     *
     * @return the VEN whose registration ended
     */
    public synchronized Optional<Ven> cancel(String registrationId, String venId) {
        Optional<Ven> match = byVenId.values().stream()
                .filter(ven -> ven.registrationId().equals(registrationId))
                .filter(ven -> venId == null || ven.venId().equals(venId))
                .findFirst();
        match.ifPresent(ven -> byVenId.remove(ven.venId()));
        return match;
    }

    /** @return false for a VEN that is not registered, whose poll is then refused */
    public synchronized boolean recordPoll(String venId, Instant now) {
        Ven ven = venId == null ? null : byVenId.get(venId);
        if (ven == null) {
            return false;
        }
        byVenId.put(venId, ven.polledAt(now));
        return true;
    }

    /**
     * Holds back what is queued for a registered VEN: its polls are answered with nothing to do until
     * {@link #release}, while events and report requests queue up, so that a test can stage a queue of several
     * messages and watch the VEN drain it. @return false for a VEN that is not registered
     */
    public synchronized boolean hold(String venId) {
        if (!byVenId.containsKey(venId)) {
            return false;
        }
        held.add(venId);
        return true;
    }

    /** Ends a {@link #hold}: the VEN's next poll gets the first message queued. @return false when none was held */
    public synchronized boolean release(String venId) {
        return held.remove(venId);
    }

    public synchronized boolean isHeld(String venId) {
        return held.contains(venId);
    }

    /** Oldest registration first; registrations in the same instant in the order they arrived (a stable sort). */
    public synchronized List<Ven> all() {
        List<Ven> vens = new ArrayList<>(byVenId.values());
        vens.sort(Comparator.comparing(Ven::registeredAt));
        return vens;
    }

    public synchronized List<String> venIds() {
        return all().stream().map(Ven::venId).toList();
    }

    private static String newId(String prefix) {
        return prefix + UUID.randomUUID();
    }
}
