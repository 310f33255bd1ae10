package io.gridflex.gateway.registration;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.gridflex.gateway.program.ProgramConfig;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.VenExchange;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrCanceledPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCreatedPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.oadr.OadrTransportType;

/**
 * A program's registration handshake: oadrQueryRegistration to learn the VTN's ID and profiles, then
 * oadrCreatePartyRegistration (2.0b, simpleHttp, signed when the program signs) to get a venID and registrationID. A
 * pull program registers with oadrHttpPullModel=true; a push program with oadrHttpPullModel=false and its
 * oadrTransportAddress, the root its VTN appends {@code /OpenADR2/Simple/2.0b/<service>} to.
 */
public class Registrar {

    private static final Logger LOG = Logger.getLogger(Registrar.class);

    private final String program;
    private final VtnClient client;
    private final ProgramConfig config;
    private final Clock clock;
    private final Supplier<VenExchange> exchange;

    /** @param exchange pull, or push with the program's transport address (known once the listener is bound) */
    public Registrar(String program, VtnClient client, ProgramConfig config, Clock clock,
            Supplier<VenExchange> exchange) {
        this.program = program;
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.exchange = exchange;
    }

    /**
     * A first registration: the VTN assigns new IDs, or registers the venID allocated in advance
     * ({@code ven-id}), which it must then confirm.
     */
    public Registration register() {
        query();
        Registration registration = create(null, config.venId().orElse(null));
        checkVenId(config.venId(), registration.venId(), program);
        return registration;
    }

    /**
     * oadrQueryRegistration: who the VTN is, whether it offers 2.0b over simpleHttp, and the poll frequency it asks
     * for now. Asked before every first registration and, while registered, on an operator's request; it changes no
     * registration at the VTN.
     *
     * @return the poll frequency the VTN states, if any
     */
    public Optional<Duration> query() {
        OadrCreatedPartyRegistrationType query = created(
                client.exchange(VtnService.REGISTER_PARTY, OadrMessages.queryRegistration(requestId())),
                "oadrQueryRegistration");
        checkVtn(query.getVtnID());
        if (!offersSimpleHttp(query)) {
            throw new RegistrationRefusedException("VTN " + query.getVtnID() + " does not offer 2.0b over simpleHttp");
        }
        return pollFrequency(query);
    }

    /**
     * The VEN ends its registration: oadrCancelPartyRegistration with the IDs in force, which the VTN must confirm
     * with oadrCanceledPartyRegistration 200.
     */
    public void cancel(Registration current) {
        Object body = OadrMessages.body(client.exchange(VtnService.REGISTER_PARTY, OadrMessages
                .cancelPartyRegistration(requestId(), current.registrationId(), current.venId())));
        EiResponseType response = switch (body) {
            case OadrCanceledPartyRegistrationType canceled -> canceled.getEiResponse();
            case OadrResponseType refused -> refused.getEiResponse();
            default -> throw new RegistrationRefusedException(
                    "VTN answered oadrCancelPartyRegistration with " + body.getClass().getSimpleName());
        };
        if (!OadrResponseCode.OK.text().equals(response.getResponseCode().strip())) {
            throw new RegistrationRefusedException("VTN refused oadrCancelPartyRegistration: "
                    + response.getResponseCode() + " " + response.getResponseDescription());
        }
        LOG.infof("program %s: registration %s (venID %s) with VTN %s cancelled at our request", program,
                current.registrationId(), current.venId(), current.vtnId());
    }

    /** Whether a stored registration is under the venID allocated in advance, when one is. */
    boolean presentsTheAllocatedVenId(Registration stored) {
        return config.venId().map(stored.venId()::equals).orElse(true);
    }

    /** A VTN that registered us under another venID than the one allocated in advance has not registered us. */
    static void checkVenId(Optional<String> configured, String assigned, String program) {
        configured.filter(expected -> !expected.equals(assigned)).ifPresent(expected -> {
            throw new RegistrationRefusedException("VTN registered us as venID " + assigned + " but " + expected
                    + " was allocated in advance (gridflex.gateway.programs." + program + ".ven-id)");
        });
    }

    /** Registration again with the IDs we hold, as a VTN asks with oadrRequestReregistration. */
    public Registration reregister(Registration current) {
        return create(current.registrationId(), current.venId());
    }

    private Registration create(String registrationId, String venId) {
        OadrCreatedPartyRegistrationType created = created(client.exchange(VtnService.REGISTER_PARTY,
                OadrMessages.createPartyRegistration(requestId(), registrationId, venId, config.venName(),
                        exchange.get(), client.signing())),
                "oadrCreatePartyRegistration");
        checkVtn(created.getVtnID());
        if (blank(created.getVenID()) || blank(created.getRegistrationID())) {
            throw new RegistrationRefusedException("VTN registered us without a venID or registrationID");
        }
        Optional<Duration> pollFrequency = pollFrequency(created);
        Registration registration = new Registration(program, client.vtnUrl(), created.getVenID().strip(),
                created.getRegistrationID().strip(), created.getVtnID().strip(), pollFrequency, clock.instant());
        LOG.infof("program %s: registered with VTN %s at %s as venID %s (registrationID %s, poll frequency %s)",
                program, registration.vtnId(), registration.vtnUrl(), registration.venId(),
                registration.registrationId(),
                pollFrequency.map(Duration::toString).orElse("not stated"));
        return registration;
    }

    private static Optional<Duration> pollFrequency(OadrCreatedPartyRegistrationType created) {
        return Optional.ofNullable(created.getOadrRequestedOadrPollFreq())
                .map(freq -> freq.getDuration())
                .filter(Duration::isPositive);
    }

    private static OadrCreatedPartyRegistrationType created(OadrPayload reply, String asked) {
        Object body = OadrMessages.body(reply);
        if (body instanceof OadrResponseType response) {
            // How a VTN refuses a request it will not read (a bad signature, an unknown venID): say its code.
            throw new RegistrationRefusedException("VTN refused " + asked + ": "
                    + response.getEiResponse().getResponseCode() + " "
                    + response.getEiResponse().getResponseDescription());
        }
        if (!(body instanceof OadrCreatedPartyRegistrationType created)) {
            throw new RegistrationRefusedException(
                    "VTN answered " + asked + " with " + body.getClass().getSimpleName());
        }
        EiResponseType response = created.getEiResponse();
        if (!OadrResponseCode.OK.text().equals(response.getResponseCode().strip())) {
            throw new RegistrationRefusedException("VTN refused " + asked + ": " + response.getResponseCode() + " "
                    + response.getResponseDescription());
        }
        return created;
    }

    private void checkVtn(String vtnId) {
        if (blank(vtnId)) {
            throw new RegistrationRefusedException("VTN did not say its vtnID");
        }
        config.vtn().expectedId().filter(expected -> !expected.equals(vtnId.strip())).ifPresent(expected -> {
            throw new RegistrationRefusedException("VTN calls itself " + vtnId.strip() + " but " + expected
                    + " is expected (gridflex.gateway.programs." + program + ".vtn.expected-id)");
        });
    }

    private static boolean offersSimpleHttp(OadrCreatedPartyRegistrationType query) {
        return query.getOadrProfiles().getOadrProfile().stream()
                .filter(profile -> OadrMessages.PROFILE.equals(profile.getOadrProfileName().strip()))
                .flatMap(profile -> profile.getOadrTransports().getOadrTransport().stream())
                .anyMatch(transport -> transport.getOadrTransportName() == OadrTransportType.SIMPLE_HTTP);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }
}
