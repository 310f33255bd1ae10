package io.gridflex.settlement;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.gridflex.support.audit.AuditLog;

/** Settlement's audit log is {@code settlement.audit_log}. */
public class AuditLogProducer {

    @Produces
    @Singleton
    AuditLog auditLog() {
        return new AuditLog("settlement.audit_log");
    }
}
