package io.gridflex.settlement.ui;

import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.statement.Statement;
import io.gridflex.settlement.terms.ProgramTerms;
import io.gridflex.settlement.terms.TermsRepository;
import io.gridflex.support.db.Transactions;

/** The time zones the pages show times in: each program's, from its terms. */
@ApplicationScoped
public class ProgramZones {

    private final TermsRepository terms;
    private final Transactions transactions;

    public ProgramZones(TermsRepository terms, Transactions transactions) {
        this.terms = terms;
        this.transactions = transactions;
    }

    /** Every program's zone by its newest terms. */
    public Zones all() {
        return new Zones(transactions.read(terms::zones));
    }

    /** The zone of the terms the statement was prepared with. */
    public ZoneId of(Statement statement) {
        return transactions.read(connection -> terms.find(connection, statement.program(), statement.termsVersion()))
                .map(ProgramTerms::timeZone)
                .orElse(ZoneId.of("UTC"));
    }
}
