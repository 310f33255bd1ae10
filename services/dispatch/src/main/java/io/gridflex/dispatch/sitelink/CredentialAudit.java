package io.gridflex.dispatch.sitelink;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.sitelink.SiteLink.IssuedCredentials;
import io.gridflex.support.audit.Actor;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;

/** Records in the audit log who issued a site's Kafka credentials, and when; never the password. */
@ApplicationScoped
public class CredentialAudit {

    private final AuditLog audit;
    private final Transactions transactions;
    private final Clock clock;

    public CredentialAudit(AuditLog audit, Transactions transactions, Clock clock) {
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public void issued(Actor actor, IssuedCredentials issued) {
        transactions.inTransaction(connection -> {
            audit.record(connection, actor, "site.kafka-credentials", "site/" + issued.siteId(), null,
                    Map.of("principal", issued.principal(), "topics", issued.topics()), clock.instant());
            return null;
        });
    }
}
