-- A billing admin who did not prepare a statement may reject it, draft or reviewed, saying why. A rejected statement
-- is final like an approved one and is never paid; a correction (the next version) takes its place.
ALTER TABLE settlement.statement
    ADD COLUMN rejected_by      VARCHAR(256),
    ADD COLUMN rejected_at      TIMESTAMPTZ,
    ADD COLUMN rejection_reason VARCHAR(2048);

ALTER TABLE settlement.statement DROP CONSTRAINT statement_status;
ALTER TABLE settlement.statement ADD CONSTRAINT statement_status CHECK (
    (status = 'DRAFT' AND reviewed_by IS NULL AND approved_by IS NULL AND rejected_by IS NULL)
    OR (status = 'REVIEWED' AND reviewed_by IS NOT NULL AND approved_by IS NULL AND rejected_by IS NULL)
    OR (status = 'APPROVED' AND reviewed_by IS NOT NULL AND approved_by IS NOT NULL AND rejected_by IS NULL)
    OR (status = 'REJECTED' AND approved_by IS NULL AND rejected_by IS NOT NULL AND rejected_at IS NOT NULL
        AND btrim(coalesce(rejection_reason, '')) <> ''));

ALTER TABLE settlement.statement DROP CONSTRAINT statement_four_eyes;
ALTER TABLE settlement.statement ADD CONSTRAINT statement_four_eyes CHECK (reviewed_by IS DISTINCT FROM prepared_by
    AND approved_by IS DISTINCT FROM prepared_by AND rejected_by IS DISTINCT FROM prepared_by);

-- A statement changes only by the next step of its review: DRAFT → REVIEWED → APPROVED, or DRAFT/REVIEWED → REJECTED;
-- approved and rejected statements are final. What was prepared, and a review already recorded, never change.
CREATE OR REPLACE FUNCTION settlement.statement_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'statements are never deleted' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status = 'APPROVED' THEN
        RAISE EXCEPTION 'statement % is approved: it is never edited; issue a correction', OLD.statement_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status = 'REJECTED' THEN
        RAISE EXCEPTION 'statement % is rejected: it is never edited; issue a correction', OLD.statement_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NOT ((OLD.status = 'DRAFT' AND NEW.status IN ('REVIEWED', 'REJECTED'))
            OR (OLD.status = 'REVIEWED' AND NEW.status IN ('APPROVED', 'REJECTED'))) THEN
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
       OR ((OLD.status = 'REVIEWED' OR NEW.status = 'REJECTED')
           AND (NEW.reviewed_by, NEW.reviewed_at) IS DISTINCT FROM (OLD.reviewed_by, OLD.reviewed_at)) THEN
        RAISE EXCEPTION 'statement % changes only by its review, approval or rejection', OLD.statement_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
