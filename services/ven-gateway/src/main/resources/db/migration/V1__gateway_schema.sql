-- ven-gateway's own schema: its registration with the VTN, the events received, and the outbox to Kafka.

-- One row per VTN URL the gateway has registered with; reused after a restart, deleted when the VTN cancels it.
CREATE TABLE gateway.registration (
    vtn_url             TEXT PRIMARY KEY,
    ven_id              TEXT NOT NULL,
    registration_id     TEXT NOT NULL,
    vtn_id              TEXT NOT NULL,
    -- oadrRequestedOadrPollFreq in seconds, NULL when the VTN stated none.
    poll_freq_seconds   BIGINT,
    registered_at       TIMESTAMPTZ NOT NULL
);

-- Every oadrDistributeEvent that changed at least one event, verbatim, for audit.
CREATE TABLE gateway.distribution (
    id                  BIGSERIAL PRIMARY KEY,
    vtn_id              TEXT NOT NULL,
    request_id          TEXT NOT NULL,
    received_at         TIMESTAMPTZ NOT NULL,
    xml                 TEXT NOT NULL
);

-- The latest revision of each event and what we answered; older revisions live on in distribution and outbox.
CREATE TABLE gateway.dr_event (
    event_id            TEXT PRIMARY KEY,
    vtn_id              TEXT NOT NULL,
    vtn_event_id        TEXT NOT NULL,
    modification_number BIGINT NOT NULL CHECK (modification_number >= 0),
    status              TEXT NOT NULL,
    opt_type            TEXT NOT NULL CHECK (opt_type IN ('optIn', 'optOut')),
    response_code       INTEGER NOT NULL,
    reason              TEXT NOT NULL,
    market_context      TEXT,
    start_at            TIMESTAMPTZ,
    end_at              TIMESTAMPTZ,
    peak_reduction_kw   DOUBLE PRECISION,
    received_at         TIMESTAMPTZ NOT NULL,
    distribution_id     BIGINT NOT NULL REFERENCES gateway.distribution (id),
    -- The last DrEvent published for this event (JSON), possibly of an older revision; NULL if none ever was.
    last_published      TEXT
);

CREATE INDEX dr_event_received_at ON gateway.dr_event (received_at DESC);

-- Transactional outbox: written with the event, sent by the relay, marked once Kafka acknowledged it.
-- The unique key is what guarantees one publication per (eventId, modificationNumber).
CREATE TABLE gateway.outbox (
    id                  BIGSERIAL PRIMARY KEY,
    event_id            TEXT NOT NULL,
    modification_number BIGINT NOT NULL,
    payload             TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    published_at        TIMESTAMPTZ,
    UNIQUE (event_id, modification_number)
);

CREATE INDEX outbox_unpublished ON gateway.outbox (id) WHERE published_at IS NULL;
