package io.gridflex.gateway.vtnreport;

import java.time.Instant;
import java.util.List;

import io.gridflex.gateway.registration.Registration;
import io.gridflex.support.db.Transactions;

/** One program's VTN offers, requests and readings in PostgreSQL; each call its own transaction. */
final class VtnReportStore {

    private final String program;
    private final Transactions transactions;
    private final VtnReportRepository repository;

    VtnReportStore(String program, Transactions transactions, VtnReportRepository repository) {
        this.program = program;
        this.transactions = transactions;
        this.repository = repository;
    }

    /** Newest first. */
    List<VtnRequest> requests() {
        return transactions.read(c -> repository.requests(c, program));
    }

    List<VtnOffer> offers(Registration registration) {
        return transactions.read(c -> repository.offers(c, program, registration.venId(),
                registration.registrationId()));
    }

    /** The VTN's offers replace the ones before, with the requests of ours they give rise to. */
    void offered(Registration registration, List<VtnOffer> offers, List<VtnRequest> requests, Instant now) {
        transactions.inTransaction(c -> {
            repository.replaceOffers(c, program, registration.venId(), registration.registrationId(), offers, now);
            for (VtnRequest request : requests) {
                repository.save(c, request, now);
            }
            return null;
        });
    }

    void save(List<VtnRequest> requests, Instant now) {
        if (requests.isEmpty()) {
            return;
        }
        transactions.inTransaction(c -> {
            for (VtnRequest r : requests) {
                repository.save(c, r, now);
            }
            return null;
        });
    }

    /** Readings and the requests they report on, together; returns how many readings were new or newer. */
    int reported(List<VtnReading> readings, List<VtnRequest> requests, Instant now) {
        return transactions.inTransaction(c -> {
            int rows = repository.saveReadings(c, program, readings, now);
            for (VtnRequest request : requests) {
                repository.save(c, request, now);
            }
            return rows;
        });
    }

    int endOtherRegistrations(Registration registration, Instant now) {
        return transactions.inTransaction(c -> repository.endOtherRegistrations(c, program, registration.venId(),
                registration.registrationId(), now));
    }

    int pruneReadings(Instant before) {
        return transactions.inTransaction(c -> repository.pruneReadings(c, program, before));
    }

    List<VtnReading> readings(String reportRequestId, Instant from, int limit) {
        return transactions.read(c -> repository.readings(c, program, reportRequestId, from, limit));
    }
}
