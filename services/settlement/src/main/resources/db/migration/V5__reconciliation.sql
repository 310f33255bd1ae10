-- The utility's own settlement file for a statement, as imported, and how each of its rows compares with ours.
-- Insert-only, like everything else a statement's audit trail rests on.

CREATE TABLE settlement.reconciliation (
    reconciliation_id UUID          PRIMARY KEY,
    statement_id      UUID          NOT NULL REFERENCES settlement.statement (statement_id),
    file_sha256       CHAR(64)      NOT NULL,
    imported_by       VARCHAR(256)  NOT NULL,
    imported_at       TIMESTAMPTZ   NOT NULL,
    utility_rows      INTEGER       NOT NULL,
    differences       INTEGER       NOT NULL
);

CREATE INDEX reconciliation_statement ON settlement.reconciliation (statement_id, imported_at DESC);

CREATE TABLE settlement.reconciliation_line (
    reconciliation_id     UUID           NOT NULL REFERENCES settlement.reconciliation (reconciliation_id),
    event_id              VARCHAR(256)   NOT NULL,
    site_id               VARCHAR(256)   NOT NULL,
    outcome               VARCHAR(16)    NOT NULL,
    our_delivered_mwh     NUMERIC(18, 6),
    utility_delivered_mwh NUMERIC(18, 6),
    our_amount            NUMERIC(18, 2),
    utility_amount        NUMERIC(18, 2),
    PRIMARY KEY (reconciliation_id, event_id, site_id),
    CONSTRAINT reconciliation_line_outcome CHECK (outcome IN ('MATCH', 'DIFFERENT', 'ONLY_UTILITY', 'ONLY_OURS'))
);

CREATE TRIGGER reconciliation_insert_only BEFORE UPDATE OR DELETE ON settlement.reconciliation
    FOR EACH ROW EXECUTE FUNCTION settlement.refuse_change();
CREATE TRIGGER reconciliation_line_insert_only BEFORE UPDATE OR DELETE ON settlement.reconciliation_line
    FOR EACH ROW EXECUTE FUNCTION settlement.refuse_change();
