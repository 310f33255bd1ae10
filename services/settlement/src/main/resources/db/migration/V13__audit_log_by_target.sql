-- The audit pages read one thing's trail (a statement's, a program's terms) a page at a time, newest first.
CREATE INDEX audit_log_target ON settlement.audit_log (target, entry_id DESC);
