package io.gridflex.gateway.registration;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.support.db.Transactions;

/**
 * Keeps the registration in PostgreSQL and in {@link RegistrationState} in step: a registration is reused after a
 * restart, replaced when the VTN asks us to register again, and forgotten when the VTN cancels it.
 */
@ApplicationScoped
public class RegistrationKeeper {

    private static final Logger LOG = Logger.getLogger(RegistrationKeeper.class);

    private final Registrar registrar;
    private final RegistrationRepository repository;
    private final RegistrationState state;
    private final Transactions transactions;
    private final VtnClient client;
    private final Optional<String> expectedVtnId;

    public RegistrationKeeper(Registrar registrar, RegistrationRepository repository, RegistrationState state,
            Transactions transactions, VtnClient client, GatewayConfig config) {
        this.registrar = registrar;
        this.repository = repository;
        this.state = state;
        this.transactions = transactions;
        this.client = client;
        this.expectedVtnId = config.vtn().expectedId();
    }

    /** The stored registration with this VTN, or a new one from the handshake. */
    public Registration obtain() {
        Registration registration = transactions.read(c -> repository.find(c, client.vtnUrl()))
                // A registration made before expected-id was set, with another VTN, is not trusted.
                .filter(stored -> expectedVtnId.map(stored.vtnId()::equals).orElse(true))
                .map(stored -> {
                    LOG.infof("reusing registration with VTN %s as venID %s from %s", stored.vtnId(),
                            stored.venId(), stored.registeredAt());
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
        LOG.warnf("registration with %s lost: %s", client.vtnUrl(), why);
        transactions.inTransaction(c -> {
            repository.delete(c, client.vtnUrl());
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
