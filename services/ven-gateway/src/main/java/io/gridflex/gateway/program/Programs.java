package io.gridflex.gateway.program;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.event.DistributionHandler;
import io.gridflex.gateway.push.PushListener;
import io.gridflex.gateway.registration.RegistrationRepository;
import io.gridflex.gateway.report.Reports;
import io.gridflex.gateway.tls.ClientTrust;
import io.gridflex.gateway.tls.TlsSetupException;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.support.db.Transactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** The programs this gateway serves, one {@link ProgramConnection} each, started and stopped with the application. */
@ApplicationScoped
public class Programs {

    private static final Logger LOG = Logger.getLogger(Programs.class);

    private final Map<String, ProgramConnection> programs;
    /** Present when a program uses push. */
    private final Optional<PushListener> listener;

    public Programs(GatewayConfig config, OpenAdrXml xml, DistributionHandler distributions,
            RegistrationRepository registrations, Transactions transactions, GatewayMetrics metrics,
            Reports reports, Clock clock) {
        ProgramConnection.Shared shared = new ProgramConnection.Shared(xml, distributions, registrations,
                transactions, metrics, reports, config, clock);
        Map<String, ClientTrust> pushTrust = new TreeMap<>();
        config.programs().forEach((id, program) -> {
            if (program.transport() == ProgramConfig.Transport.PUSH) {
                String key = "gridflex.gateway.programs." + id + ".tls";
                pushTrust.put(id, ClientTrust.load(key, program.tls().orElseThrow(() -> new TlsSetupException(
                        key + ".trusted-certificates must be set for a push program"))));
            }
        });
        this.listener = pushTrust.isEmpty()
                ? Optional.empty()
                : Optional.of(new PushListener(config.push(), List.copyOf(pushTrust.values())));
        Map<String, ProgramConnection> built = new TreeMap<>();
        config.programs().forEach((id, program) -> built.put(id, new ProgramConnection(id, program, shared,
                Optional.ofNullable(pushTrust.get(id))
                        .map(trust -> new ProgramConnection.Push(listener.orElseThrow(), trust)))));
        this.programs = Collections.unmodifiableMap(built);
    }

    void start(@Observes StartupEvent startup) {
        // Bound first: a push program registers the listener's address.
        listener.ifPresent(PushListener::start);
        programs.values().forEach(program -> {
            LOG.infof("program %s: VTN %s, venName %s, %s", program.id(), program.vtnUrl(),
                    program.config().venName(), program.config().transport() == ProgramConfig.Transport.PUSH
                            ? "push to " + listener.orElseThrow().transportAddress(program.id())
                            : "pull");
            program.start();
        });
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        for (ProgramConnection program : programs.values()) {
            program.stop();
        }
        listener.ifPresent(PushListener::close);
    }

    /** The push listener, when a program uses push. */
    public Optional<PushListener> pushListener() {
        return listener;
    }

    /** Every program, by id. */
    public List<ProgramConnection> all() {
        return new ArrayList<>(programs.values());
    }

    public Optional<ProgramConnection> find(String id) {
        return Optional.ofNullable(programs.get(id));
    }
}
