package io.gridflex.vtnsim.ven;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.model.oadr.OadrCancelPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.vtnsim.push.VenPusher;

/**
 * The registration messages this VTN starts (EiRegisterParty): {@code oadrRequestReregistration}, asking a VEN to
 * register again, and {@code oadrCancelPartyRegistration}, ending its registration. A pull VEN gets them one per
 * poll, before anything else; a push VEN gets them POSTed at once. A cancellation ends the registration when it is
 * delivered, so the VEN's next poll is refused as from a stranger.
 */
@ApplicationScoped
public class RegistrationRequests {

    private static final Logger LOG = Logger.getLogger(RegistrationRequests.class);

    private final VenRegistry registry;
    private final VenPusher pusher;
    private final Map<String, ArrayDeque<OadrPayload>> queued = new HashMap<>();

    public RegistrationRequests(VenRegistry registry, VenPusher pusher) {
        this.registry = registry;
        this.pusher = pusher;
    }

    /** @return false when no such VEN is registered */
    public boolean requestReregistration(String venId) {
        return send(venId, OadrMessages.requestReregistration(venId));
    }

    /** @return false when no such VEN is registered */
    public boolean cancel(String venId) {
        return registry.find(venId).map(ven -> send(venId, OadrMessages
                .cancelPartyRegistration("cancel-" + UUID.randomUUID(), ven.registrationId(), venId)))
                .orElse(false);
    }

    /** The next message waiting for a pull VEN's poll; a cancellation ends the registration as it goes out. */
    public Optional<OadrPayload> nextFor(String venId) {
        OadrPayload next;
        synchronized (this) {
            ArrayDeque<OadrPayload> waiting = queued.get(venId);
            next = waiting == null ? null : waiting.pollFirst();
        }
        if (next != null && OadrMessages.body(next) instanceof OadrCancelPartyRegistrationType cancel) {
            endRegistration(cancel);
        }
        return Optional.ofNullable(next);
    }

    private boolean send(String venId, OadrPayload message) {
        Optional<Ven> ven = registry.find(venId);
        if (ven.isEmpty()) {
            return false;
        }
        if (ven.get().push()) {
            if (OadrMessages.body(message) instanceof OadrCancelPartyRegistrationType cancel) {
                endRegistration(cancel);
            }
            pusher.push(ven.get(), RegistrationHandler.SERVICE, message);
            return true;
        }
        synchronized (this) {
            queued.computeIfAbsent(venId, id -> new ArrayDeque<>()).addLast(message);
        }
        return true;
    }

    private void endRegistration(OadrCancelPartyRegistrationType cancel) {
        registry.cancel(cancel.getRegistrationID(), cancel.getVenID()).ifPresent(ended -> LOG.infof(
                "Cancelled registration %s of VEN %s (this VTN's own cancellation)", ended.registrationId(),
                ended.venId()));
    }
}
