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
