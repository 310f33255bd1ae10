package io.gridflex.dispatch.audit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.gridflex.support.audit.AuditLog;

/** Dispatch's audit log is {@code dispatch.audit_log}. */
public class AuditLogProducer {

    @Produces
    @Singleton
    AuditLog auditLog() {
        return new AuditLog("dispatch.audit_log");
    }
}
