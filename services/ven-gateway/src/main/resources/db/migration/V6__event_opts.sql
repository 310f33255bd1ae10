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

-- Opt schedules (oadrCreateOpt with a vavailability): a resource of a program none of whose sites can take part
-- (none reports, or none has load to shed) is opted out from when it became so, open-ended; once it can take part
-- again the opt is withdrawn (oadrCancelOpt). At most one schedule in force per program and resource.
CREATE TABLE gateway.availability_opt (
    opt_id               TEXT PRIMARY KEY,
    program              TEXT NOT NULL,
    resource_id          TEXT NOT NULL,
    opt_reason           TEXT NOT NULL,
    unavailable_since    TIMESTAMPTZ NOT NULL,
    detail               TEXT NOT NULL,
    -- OPEN: the resource is unavailable; CLOSING: available again, the opt to be withdrawn; CLOSED: done.
    state                TEXT NOT NULL CHECK (state IN ('OPEN', 'CLOSING', 'CLOSED')),
    decided_at           TIMESTAMPTZ NOT NULL,
    available_again_at   TIMESTAMPTZ,
    attempts             INTEGER NOT NULL DEFAULT 0,
    last_attempt_at      TIMESTAMPTZ,
    ven_id               TEXT,
    -- The VTN's answers: to oadrCreateOpt, then to oadrCancelOpt.
    created_at           TIMESTAMPTZ,
    create_code          INTEGER,
    create_description   TEXT,
    cancelled_at         TIMESTAMPTZ,
    cancel_code          INTEGER,
    cancel_description   TEXT
);

CREATE UNIQUE INDEX availability_opt_in_force ON gateway.availability_opt (program, resource_id)
    WHERE state <> 'CLOSED';
