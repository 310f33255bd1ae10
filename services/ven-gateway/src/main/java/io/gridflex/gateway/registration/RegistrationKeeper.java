package io.gridflex.gateway.registration;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.support.db.Transactions;

/**
 * Keeps a program's registration in PostgreSQL and in its {@link RegistrationState} in step: a registration is reused
 * after a restart, replaced when the VTN asks us to register again, and forgotten when the VTN cancels it.
 */
public class RegistrationKeeper {

    private static final Logger LOG = Logger.getLogger(RegistrationKeeper.class);

    private final String program;
    private final Registrar registrar;
    private final RegistrationRepository repository;
    private final RegistrationState state;
    private final Transactions transactions;
    private final VtnClient client;
    private final Optional<String> expectedVtnId;

    public RegistrationKeeper(String program, Registrar registrar, RegistrationRepository repository,
            RegistrationState state, Transactions transactions, VtnClient client, Optional<String> expectedVtnId) {
        this.program = program;
        this.registrar = registrar;
        this.repository = repository;
        this.state = state;
        this.transactions = transactions;
        this.client = client;
        this.expectedVtnId = expectedVtnId;
    }

    /** The program's stored registration with its VTN, or a new one from the handshake. */
    public Registration obtain() {
        Registration registration = transactions.inTransaction(c -> repository.find(c, program, client.vtnUrl()))
                // A registration made before expected-id was set, with another VTN, is not trusted.
                .filter(stored -> expectedVtnId.map(stored.vtnId()::equals).orElse(true))
                // Nor one under another venID than the one allocated in advance.
                .filter(registrar::presentsTheAllocatedVenId)
                .map(stored -> {
                    LOG.infof("program %s: reusing registration with VTN %s as venID %s from %s", program,
                            stored.vtnId(), stored.venId(), stored.registeredAt());
                    return stored;
                })
                .orElseGet(() -> save(registrar.register()));
        state.registered(registration);
        return registration;
    }

    public Registration reregister(Registration current) {
        Registration renewed = save(registrar.reregister(current));
        state.registered(renewed);
        return renewed;
    }

    /**
     * oadrQueryRegistration while registered: the registration stays as it is, and a poll frequency the VTN now
     * states differently is adopted (and kept).
     *
     * @throws IllegalStateException when not registered
     */
    public Registration query() {
        Registration current = state.current()
                .orElseThrow(() -> new IllegalStateException("program " + program + " is not registered"));
        Optional<java.time.Duration> pollFrequency = registrar.query();
        if (pollFrequency.isEmpty() || pollFrequency.equals(current.pollFrequency())) {
            LOG.infof("program %s: queried VTN %s while registered as venID %s: nothing changed", program,
                    current.vtnId(), current.venId());
            return current;
        }
        Registration updated = new Registration(current.program(), current.vtnUrl(), current.venId(),
                current.registrationId(), current.vtnId(), pollFrequency, current.registeredAt());
        LOG.infof("program %s: queried VTN %s while registered: poll frequency now %s", program, current.vtnId(),
                pollFrequency.get());
        save(updated);
        state.registered(updated);
        return updated;
    }

    /**
     * The VEN ends its registration (oadrCancelPartyRegistration): once the VTN confirms, the registration is
     * forgotten and the program holds, registering no more until {@link #resume()}.
     *
     * @throws IllegalStateException when not registered
     * @throws RegistrationRefusedException when the VTN refuses; the registration then stays
     */
    public void cancel() {
        Registration current = state.current()
                .orElseThrow(() -> new IllegalStateException("program " + program + " is not registered"));
        registrar.cancel(current);
        String why = "registration cancelled at an operator's request; register again through the API";
        transactions.inTransaction(c -> {
            repository.delete(c, program);
            repository.hold(c, program, why);
            return null;
        });
        state.hold(why);
    }

    /** Registers again after {@link #cancel()}: the program's loop registers afresh. */
    public void resume() {
        LOG.infof("program %s: registration asked for again", program);
        transactions.inTransaction(c -> {
            repository.release(c, program);
            return null;
        });
        state.release();
    }

    /** At start-up: a registration ended at our request before a restart stays ended. */
    public void restoreHold() {
        transactions.inTransaction(c -> repository.hold(c, program)).ifPresent(why -> {
            LOG.infof("program %s: not registering: %s", program, why);
            state.hold(why);
        });
    }

    /** The registration no longer holds; the poll loop registers afresh. */
    public void lost(String why) {
        LOG.warnf("program %s: registration with %s lost: %s", program, client.vtnUrl(), why);
        transactions.inTransaction(c -> {
            repository.delete(c, program);
            return null;
        });
        state.forget(why);
    }

    private Registration save(Registration registration) {
        transactions.inTransaction(c -> {
            repository.save(c, registration);
            return null;
        });
        return registration;
    }
}
