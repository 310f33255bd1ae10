package io.gridflex.gateway.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.gridflex.gateway.registration.Registration;
import io.gridflex.support.db.Transactions;

/** One program's report registration and requests in PostgreSQL, each call its own transaction. */
final class ReportStore implements RequestBook {

    private final String program;
    private final Transactions transactions;
    private final ReportRequestRepository requests;
    private final ReportRegistrationRepository registrations;

    ReportStore(String program, Transactions transactions, ReportRequestRepository requests,
            ReportRegistrationRepository registrations) {
        this.program = program;
        this.transactions = transactions;
        this.requests = requests;
        this.registrations = registrations;
    }

    /** Whether this metadata was registered under this very registration with the VTN. */
    boolean registered(Registration registration, String fingerprint) {
        return transactions.read(c -> registrations.find(c, program)).filter(
                stored -> stored.venId().equals(registration.venId())
                        && micros(stored.registeredWith()).equals(micros(registration.registeredAt()))
                        && stored.fingerprint().equals(fingerprint))
                .isPresent();
    }

    void saveRegistration(Registration registration, String fingerprint, Instant now) {
        transactions.inTransaction(c -> {
            registrations.save(c, program, new ReportRegistrationRepository.Registered(registration.venId(),
                    registration.registeredAt(), fingerprint, now));
            return null;
        });
    }

    /** Forgets the requests made under any other registration; returns how many. */
    int keepOnly(Registration registration) {
        return transactions.inTransaction(
                c -> requests.deleteOtherRegistrations(c, program, registration.venId(),
                        registration.registrationId()));
    }

    @Override
    public Optional<RequestedReport> find(String reportRequestId) {
        return transactions.read(c -> requests.find(c, program, reportRequestId));
    }

    @Override
    public List<RequestedReport> pending() {
        return transactions.read(c -> requests.pending(c, program));
    }

    @Override
    public void save(RequestedReport report, Instant now) {
        transactions.inTransaction(c -> {
            requests.save(c, report, now);
            return null;
        });
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
