package io.gridflex.gateway.program;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.event.Audience;
import io.gridflex.gateway.event.DistributionHandler;
import io.gridflex.gateway.poll.PollLoop;
import io.gridflex.gateway.poll.VtnMessageHandler;
import io.gridflex.gateway.push.PushListener;
import io.gridflex.gateway.push.PushSession;
import io.gridflex.gateway.registration.Registrar;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationKeeper;
import io.gridflex.gateway.registration.RegistrationRepository;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.report.ProgramReports;
import io.gridflex.gateway.report.Reports;
import io.gridflex.gateway.signature.PayloadSignatures;
import io.gridflex.gateway.tls.ClientTrust;
import io.gridflex.gateway.tls.VtnTls;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.VenExchange;
import io.gridflex.support.db.Transactions;

/**
 * One program at run time: its VTN client, registration state, poll loop (pull) or push session and endpoints on the
 * push listener (push), and reports, built from its configuration. Nothing
 * here is shared with another program but the database, the outbox and the meters, so a program whose VTN is slow,
 * down or hostile only ever holds up itself.
 */
public final class ProgramConnection {

    private final String id;
    private final ProgramConfig config;
    private final VtnClient client;
    private final RegistrationState state;
    private final RegistrationKeeper keeper;
    private final VtnMessageHandler messages;
    private final ProgramReports reports;
    /** Pull programs only. */
    private final PollLoop loop;
    /** Push programs only. */
    private final PushSession session;
    private final Optional<Push> push;

    /** @param push for a push program: the listener and what the program trusts of its VTN's client certificates */
    ProgramConnection(String id, ProgramConfig config, Shared shared, Optional<Push> push) {
        this.id = id;
        this.config = config;
        this.push = push;
        this.client = new VtnClient(config.signature()
                .map(signature -> PayloadSignatures.of(id, signature, shared.xml(), shared.clock()))
                .orElseGet(() -> PayloadSignatures.none(shared.xml())), config.vtn(),
                config.tls().map(tls -> VtnTls.load("gridflex.gateway.programs." + id + ".tls", tls)));
        this.state = new RegistrationState(config.poll());
        Registrar registrar = new Registrar(id, client, config, shared.clock(), push
                .<Supplier<VenExchange>>map(p -> () -> VenExchange.push(p.listener().transportAddress(id)))
                .orElse(VenExchange::pull));
        this.keeper = new RegistrationKeeper(id, registrar, shared.registrations(), state,
                shared.transactions(), client, config.vtn().expectedId());
        this.reports = shared.reports().forProgram(id, config, client, state);
        this.messages = new VtnMessageHandler(client, shared.distributions(), keeper,
                shared.metrics(), reports, new Audience(Set.copyOf(config.acceptedGroups().orElse(List.of())),
                        config.resources().keySet()),
                Set.copyOf(config.marketContexts().orElse(List.of())));
        if (push.isPresent()) {
            this.loop = null;
            this.session = new PushSession(id, keeper, state, client, messages, reports, shared.metrics(),
                    shared.config().registration(), shared.clock());
            push.get().listener().serve(id, push.get().trust(), state, messages, client, session, shared.metrics());
        } else {
            this.loop = new PollLoop(id, keeper, state, client, messages, reports, shared.metrics(),
                    shared.config().registration(), shared.clock());
            this.session = null;
        }
    }

    /** A push program's listener and client-certificate trust. */
    record Push(PushListener listener, ClientTrust trust) {
    }

    /** The beans every program uses, and their one configuration. */
    record Shared(OpenAdrXml xml, DistributionHandler distributions, RegistrationRepository registrations,
            Transactions transactions, GatewayMetrics metrics, Reports reports, GatewayConfig config,
            Clock clock) {
    }

    public String id() {
        return id;
    }

    public ProgramConfig config() {
        return config;
    }

    /** The VTN's base URL, as registrations are stored under it. */
    public String vtnUrl() {
        return client.vtnUrl();
    }

    /** The oadrTransportAddress a push program registers; empty for a pull program. */
    public Optional<String> transportAddress() {
        return push.map(p -> p.listener().transportAddress(id));
    }

    public RegistrationState state() {
        return state;
    }

    /** Its VTN client, for messages the VEN starts itself (opts). */
    public VtnClient vtn() {
        return client;
    }

    /** Its registration, kept in step with the database. */
    public RegistrationKeeper registrations() {
        return keeper;
    }

    /** What acts on the VTN's messages to this program. */
    public VtnMessageHandler messages() {
        return messages;
    }

    /** Its reports to the VTN. */
    public ProgramReports reports() {
        return reports;
    }

    /** oadrQueryRegistration while registered; the registration stays, a new poll frequency is adopted. */
    public Registration queryRegistration() {
        return keeper.query();
    }

    /** Ends the registration at the VTN (oadrCancelPartyRegistration); the program then holds until asked again. */
    public void cancelRegistration() {
        keeper.cancel();
    }

    /** Registers again after {@link #cancelRegistration()}. */
    public void registerAgain() {
        keeper.resume();
        if (session != null) {
            session.registrationAskedFor();
        }
    }

    void start() {
        keeper.restoreHold();
        reports.start();
        if (loop != null) {
            loop.start();
        } else {
            session.start();
        }
    }

    void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
        } else {
            session.stop();
        }
        reports.stop();
    }
}
