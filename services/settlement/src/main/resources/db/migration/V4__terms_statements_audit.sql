-- Program terms, statements and the audit log. Money is NUMERIC(18, 2), energy NUMERIC(18, 6): exact decimals.
-- What may never change is guarded here, in the database, not only in the code: terms versions, statement lines and
-- audit entries are insert-only, and a statement only moves DRAFT -> REVIEWED -> APPROVED, by someone other than the
-- person who prepared it, and never changes again once approved.

-- How a program is settled, version by version. A change is a new version; a statement names the version it used.
CREATE TABLE settlement.program_terms (
    program              VARCHAR(128)  NOT NULL,
    version              INTEGER       NOT NULL,
    time_zone            VARCHAR(64)   NOT NULL,
    interval_minutes     INTEGER       NOT NULL,
    minimum_coverage     NUMERIC(5, 4) NOT NULL,
    method               VARCHAR(64)   NOT NULL,
    method_parameters    JSONB         NOT NULL,
    nerc_holidays        BOOLEAN       NOT NULL,
    extra_holidays       DATE[]        NOT NULL,
    floor_intervals      BOOLEAN       NOT NULL,
    floor_event_total    BOOLEAN       NOT NULL,
    averaging            VARCHAR(16)   NOT NULL,
    currency             CHAR(3)       NOT NULL,
    energy_price_per_mwh NUMERIC(18, 6) NOT NULL,
    capacity_rate_per_mw NUMERIC(18, 6) NOT NULL,
    net_cone_per_mw_day  NUMERIC(18, 6) NOT NULL,
    assessment_hours     INTEGER       NOT NULL,
    owner_share          NUMERIC(7, 6) NOT NULL,
    created_by           VARCHAR(256)  NOT NULL,
    created_at           TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (program, version),
    CONSTRAINT program_terms_version CHECK (version >= 1),
    CONSTRAINT program_terms_interval CHECK (interval_minutes IN (1, 5, 15, 30, 60)),
    CONSTRAINT program_terms_coverage CHECK (minimum_coverage > 0 AND minimum_coverage <= 1),
    CONSTRAINT program_terms_averaging CHECK (averaging IN ('MEAN', 'ENERGY_WEIGHTED')),
    CONSTRAINT program_terms_rates CHECK (capacity_rate_per_mw >= 0 AND net_cone_per_mw_day >= 0
        AND assessment_hours > 0),
    CONSTRAINT program_terms_owner_share CHECK (owner_share BETWEEN 0 AND 1)
);

-- A site owner's share of what its site earns, when its contract differs from the program's default.
CREATE TABLE settlement.site_contract (
    site_id     VARCHAR(256)  NOT NULL,
    version     INTEGER       NOT NULL,
    owner_share NUMERIC(7, 6) NOT NULL,
    created_by  VARCHAR(256)  NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (site_id, version),
    CONSTRAINT site_contract_owner_share CHECK (owner_share BETWEEN 0 AND 1)
);

CREATE TABLE settlement.statement (
    statement_id    UUID          PRIMARY KEY,
    program         VARCHAR(128)  NOT NULL,
    period_start    DATE          NOT NULL,
    period_end      DATE          NOT NULL,
    version         INTEGER       NOT NULL,
    terms_version   INTEGER       NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    reason          VARCHAR(2048),
    currency        CHAR(3)       NOT NULL,
    delivered_mwh   NUMERIC(18, 6) NOT NULL,
    energy          NUMERIC(18, 2) NOT NULL,
    capacity        NUMERIC(18, 2) NOT NULL,
    non_performance NUMERIC(18, 2) NOT NULL,
    net             NUMERIC(18, 2) NOT NULL,
    owner           NUMERIC(18, 2) NOT NULL,
    aggregator      NUMERIC(18, 2) NOT NULL,
    inputs_hash     CHAR(64)      NOT NULL,
    prepared_by     VARCHAR(256)  NOT NULL,
    prepared_at     TIMESTAMPTZ   NOT NULL,
    reviewed_by     VARCHAR(256),
    reviewed_at     TIMESTAMPTZ,
    approved_by     VARCHAR(256),
    approved_at     TIMESTAMPTZ,
    UNIQUE (program, period_start, period_end, version),
    FOREIGN KEY (program, terms_version) REFERENCES settlement.program_terms (program, version),
    CONSTRAINT statement_period CHECK (period_end > period_start),
    CONSTRAINT statement_version CHECK (version >= 1),
    CONSTRAINT statement_correction_reason CHECK (version = 1 OR reason IS NOT NULL),
    CONSTRAINT statement_status CHECK (
        (status = 'DRAFT' AND reviewed_by IS NULL AND approved_by IS NULL)
        OR (status = 'REVIEWED' AND reviewed_by IS NOT NULL AND approved_by IS NULL)
        OR (status = 'APPROVED' AND reviewed_by IS NOT NULL AND approved_by IS NOT NULL)),
    CONSTRAINT statement_four_eyes CHECK (reviewed_by IS DISTINCT FROM prepared_by
        AND approved_by IS DISTINCT FROM prepared_by)
);

CREATE INDEX statement_program ON settlement.statement (program, period_start DESC, version DESC);

-- One line per event and site. detail holds the baseline (like days, adjustment) and every interval's figures.
CREATE TABLE settlement.statement_line (
    statement_id      UUID          NOT NULL REFERENCES settlement.statement (statement_id),
    event_id          VARCHAR(256)  NOT NULL,
    site_id           VARCHAR(256)  NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    problem           VARCHAR(2048),
    method            VARCHAR(64)   NOT NULL,
    method_version    INTEGER       NOT NULL,
    method_parameters JSONB         NOT NULL,
    inputs_hash       CHAR(64)      NOT NULL,
    committed_mw      NUMERIC(18, 6) NOT NULL,
    delivered_mwh     NUMERIC(18, 6),
    committed_mwh     NUMERIC(18, 6),
    shortfall_mwh     NUMERIC(18, 6),
    factor            NUMERIC(9, 6),
    owner_share       NUMERIC(7, 6) NOT NULL,
    energy            NUMERIC(18, 2) NOT NULL,
    capacity          NUMERIC(18, 2) NOT NULL,
    non_performance   NUMERIC(18, 2) NOT NULL,
    net               NUMERIC(18, 2) NOT NULL,
    owner             NUMERIC(18, 2) NOT NULL,
    aggregator        NUMERIC(18, 2) NOT NULL,
    detail            JSONB         NOT NULL,
    PRIMARY KEY (statement_id, event_id, site_id),
    CONSTRAINT statement_line_status CHECK (status IN ('COMPLETE', 'PARTIAL', 'NO_BASELINE'))
);

CREATE TABLE settlement.audit_log (
    entry_id BIGSERIAL     PRIMARY KEY,
    at       TIMESTAMPTZ   NOT NULL,
    actor    VARCHAR(256)  NOT NULL,
    action   VARCHAR(64)   NOT NULL,
    target   VARCHAR(512)  NOT NULL,
    detail   JSONB         NOT NULL
);

CREATE INDEX audit_log_at ON settlement.audit_log (at DESC);

CREATE FUNCTION settlement.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows of settlement.% are never changed or deleted', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER program_terms_insert_only BEFORE UPDATE OR DELETE ON settlement.program_terms
    FOR EACH ROW EXECUTE FUNCTION settlement.refuse_change();
CREATE TRIGGER site_contract_insert_only BEFORE UPDATE OR DELETE ON settlement.site_contract
    FOR EACH ROW EXECUTE FUNCTION settlement.refuse_change();
CREATE TRIGGER statement_line_insert_only BEFORE UPDATE OR DELETE ON settlement.statement_line
    FOR EACH ROW EXECUTE FUNCTION settlement.refuse_change();
CREATE TRIGGER audit_log_insert_only BEFORE UPDATE OR DELETE ON settlement.audit_log
    FOR EACH ROW EXECUTE FUNCTION settlement.refuse_change();

-- Lines are added only to a draft.
CREATE FUNCTION settlement.lines_only_on_drafts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM settlement.statement WHERE statement_id = NEW.statement_id) <> 'DRAFT' THEN
        RAISE EXCEPTION 'statement % is no longer a draft: its lines are final', NEW.statement_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER statement_line_on_draft BEFORE INSERT ON settlement.statement_line
    FOR EACH ROW EXECUTE FUNCTION settlement.lines_only_on_drafts();

-- A statement is never deleted; it changes only by the next step of its review, and not at all once approved.
CREATE FUNCTION settlement.statement_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'statements are never deleted' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status = 'APPROVED' THEN
        RAISE EXCEPTION 'statement % is approved: it is never edited; issue a correction', OLD.statement_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NOT ((OLD.status = 'DRAFT' AND NEW.status = 'REVIEWED') OR (OLD.status = 'REVIEWED' AND NEW.status = 'APPROVED'))
    THEN
        RAISE EXCEPTION 'statement % cannot go from % to %', OLD.statement_id, OLD.status, NEW.status
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (NEW.statement_id, NEW.program, NEW.period_start, NEW.period_end, NEW.version, NEW.terms_version, NEW.reason,
        NEW.currency, NEW.delivered_mwh, NEW.energy, NEW.capacity, NEW.non_performance, NEW.net, NEW.owner,
        NEW.aggregator, NEW.inputs_hash, NEW.prepared_by, NEW.prepared_at)
       IS DISTINCT FROM
       (OLD.statement_id, OLD.program, OLD.period_start, OLD.period_end, OLD.version, OLD.terms_version, OLD.reason,
        OLD.currency, OLD.delivered_mwh, OLD.energy, OLD.capacity, OLD.non_performance, OLD.net, OLD.owner,
        OLD.aggregator, OLD.inputs_hash, OLD.prepared_by, OLD.prepared_at)
       OR (OLD.status = 'REVIEWED' AND (NEW.reviewed_by, NEW.reviewed_at) IS DISTINCT FROM
           (OLD.reviewed_by, OLD.reviewed_at)) THEN
        RAISE EXCEPTION 'statement % changes only by its review and approval', OLD.statement_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER statement_immutable BEFORE UPDATE OR DELETE ON settlement.statement
    FOR EACH ROW EXECUTE FUNCTION settlement.statement_guard();
