-- The VEN's own opts (EiOpt): an event it opts out of after answering optIn, because dispatch judged that the fleet
-- cannot deliver it. One row per program, event and modification, decided once: a status redelivered by Kafka, or
-- read again after a restart, finds the row and adds nothing. A row is sent until the VTN answers it; the answer is
-- kept with it.
CREATE TABLE gateway.event_opt (
    opt_id               TEXT PRIMARY KEY,
    program              TEXT NOT NULL,
    event_id             TEXT NOT NULL,
    vtn_event_id         TEXT NOT NULL,
    modification_number  BIGINT NOT NULL CHECK (modification_number >= 0),
    opt_type             TEXT NOT NULL CHECK (opt_type IN ('optIn', 'optOut')),
    opt_reason           TEXT NOT NULL,
    -- The resources opted out; empty: the whole VEN (the event named no resource of ours).
    resource_ids         TEXT[] NOT NULL,
    -- Dispatch's figures and words behind the decision.
    requested_kw         NUMERIC NOT NULL,
    shortfall_kw         NUMERIC NOT NULL,
    detail               TEXT,
    decided_at           TIMESTAMPTZ NOT NULL,
    attempts             INTEGER NOT NULL DEFAULT 0,
    last_attempt_at      TIMESTAMPTZ,
    -- Set once the VTN answered oadrCreatedOpt, whatever its code.
    ven_id               TEXT,
    answered_at          TIMESTAMPTZ,
    response_code        INTEGER,
    response_description TEXT,
    UNIQUE (program, event_id, modification_number)
);

CREATE INDEX event_opt_unanswered ON gateway.event_opt (program, decided_at) WHERE answered_at IS NULL;
