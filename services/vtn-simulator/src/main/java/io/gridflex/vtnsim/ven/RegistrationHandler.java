package io.gridflex.vtnsim.ven;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrCancelPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCanceledPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCreatePartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrQueryRegistrationType;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.oadr.OadrTransportType;
import io.gridflex.vtnsim.config.VtnConfig;
import io.gridflex.vtnsim.openadr.MessageHandler;
import io.gridflex.vtnsim.openadr.OadrReplies;

/**
 * EiRegisterParty: tells VENs who this VTN is and how often to poll, and registers and unregisters them. A VEN may
 * register for pull (oadrHttpPullModel true or absent) or for push (false, with an oadrTransportAddress that is an
 * absolute http or https URL: the root this VTN appends {@code /OpenADR2/Simple/2.0b/<service>} to); XMPP is refused.
 */
@ApplicationScoped
public class RegistrationHandler implements MessageHandler {

    public static final String SERVICE = "EiRegisterParty";
    private static final Logger LOG = Logger.getLogger(RegistrationHandler.class);

    private final VenRegistry registry;
    private final VtnConfig config;
    private final Clock clock;

    public RegistrationHandler(VenRegistry registry, VtnConfig config, Clock clock) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Optional<OadrPayload> handle(Object message) {
        return switch (message) {
            case OadrQueryRegistrationType query -> Optional.of(created(OadrReplies.ok(query.getRequestID()), null));
            case OadrCreatePartyRegistrationType create -> Optional.of(register(create));
            case OadrCancelPartyRegistrationType cancel -> Optional.of(cancel(cancel));
            // The VEN confirming a cancellation this VTN sent it (pull: its own request): acknowledged.
            case OadrCanceledPartyRegistrationType canceled -> Optional.of(OadrReplies.response(OadrResponseCode.OK,
                    "OK", canceled.getEiResponse().getRequestID(), canceled.getVenID()));
            // A VEN's acknowledgement needs no answer.
            case OadrResponseType response -> Optional.empty();
            default -> OadrReplies.notRecognized(SERVICE, message);
        };
    }

    private OadrPayload register(OadrCreatePartyRegistrationType create) {
        if (create.getOadrTransportName() != OadrTransportType.SIMPLE_HTTP) {
            return created(OadrReplies.error(OadrResponseCode.NOT_ALLOWED, "This VTN serves simpleHttp VENs only",
                    create.getRequestID()), null);
        }
        String address = null;
        if (Boolean.FALSE.equals(create.isOadrHttpPullModel())) {
            address = pushAddress(create.getOadrTransportAddress());
            if (address == null) {
                // A push VEN this VTN cannot call would register and then wait forever for events.
                return created(OadrReplies.error(OadrResponseCode.NOT_ALLOWED, "A push VEN (oadrHttpPullModel false)"
                        + " needs an oadrTransportAddress that is an absolute http or https URL",
                        create.getRequestID()), null);
            }
        }
        Ven ven = registry.register(create.getVenID(), create.getOadrVenName(), address, clock.instant());
        LOG.infof("Registered VEN %s as %s, registration %s (it presented venID %s), %s", create.getOadrVenName(),
                ven.venId(), ven.registrationId(), create.getVenID(),
                ven.push() ? "push to " + ven.transportAddress() : "pull");
        return created(OadrReplies.ok(create.getRequestID()), ven);
    }

    /** The address without trailing slashes, or null when it is not an absolute http(s) URL without query. */
    static String pushAddress(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getQuery() != null
                    || uri.getFragment() != null) {
                return null;
            }
        } catch (URISyntaxException e) {
            return null;
        }
        String address = text.strip();
        while (address.endsWith("/")) {
            address = address.substring(0, address.length() - 1);
        }
        return address;
    }

    private OadrPayload cancel(OadrCancelPartyRegistrationType cancel) {
        Optional<Ven> ended = registry.cancel(cancel.getRegistrationID(), cancel.getVenID());
        if (ended.isEmpty()) {
            return OadrMessages.canceledPartyRegistration(OadrReplies.error(OadrResponseCode.INVALID_ID,
                    "No registration " + cancel.getRegistrationID() + " for VEN " + cancel.getVenID(),
                    cancel.getRequestID()), cancel.getRegistrationID(), cancel.getVenID());
        }
        LOG.infof("Cancelled registration %s of VEN %s", ended.get().registrationId(), ended.get().venId());
        return OadrMessages.canceledPartyRegistration(OadrReplies.ok(cancel.getRequestID()),
                ended.get().registrationId(), ended.get().venId());
    }

    /** @param ven null for a query or a refusal: no IDs are handed out */
    private OadrPayload created(EiResponseType response, Ven ven) {
        return OadrMessages.createdPartyRegistration(response, ven == null ? null : ven.registrationId(),
                ven == null ? null : ven.venId(), config.id(), config.pollInterval());
    }
}
