-- Dispatch state: the events it has seen, the sites it can command, the commands it issued (the outbox the relay
-- publishes from) and what the sites reported back. Power figures are in kW at the 0.1 kW command resolution.

CREATE TABLE events (
    event_id            VARCHAR(256)   PRIMARY KEY,
    vtn_id              VARCHAR(256)   NOT NULL,
    vtn_event_id        VARCHAR(256)   NOT NULL,
    -- The highest modification number processed; anything equal is a duplicate, anything lower is out of order.
    modification_number BIGINT         NOT NULL,
    status              VARCHAR(16)    NOT NULL,
    test_event          BOOLEAN        NOT NULL,
    starts_at           TIMESTAMPTZ    NOT NULL,
    ends_at             TIMESTAMPTZ    NOT NULL,
    -- What dispatch did with the latest revision (ALLOCATED, TEST, CANCELLED, COMPLETED, ENDED).
    outcome             VARCHAR(16)    NOT NULL,
    requested_kw        NUMERIC(12, 1) NOT NULL,
    allocated_kw        NUMERIC(12, 1) NOT NULL,
    shortfall_kw        NUMERIC(12, 1) NOT NULL,
    -- The DrEvent JSON of the latest revision, exactly as received.
    payload             TEXT           NOT NULL,
    first_received_at   TIMESTAMPTZ    NOT NULL,
    updated_at          TIMESTAMPTZ    NOT NULL
);

CREATE INDEX events_recent ON events (updated_at DESC);

CREATE TABLE sites (
    site_id             VARCHAR(256)     PRIMARY KEY,
    -- From the latest telemetry: the site's flexibility and import limit, kept unrounded as reported.
    sheddable_kw        DOUBLE PRECISION NOT NULL,
    max_import_kw       DOUBLE PRECISION NOT NULL,
    average_kw          DOUBLE PRECISION NOT NULL,
    miners_total        INTEGER          NOT NULL,
    miners_running      INTEGER          NOT NULL,
    active_command_id   VARCHAR(600),
    interval_start      TIMESTAMPTZ      NOT NULL,
    -- End of the latest reported interval: freshness is judged on it, older telemetry is refused against it.
    interval_end        TIMESTAMPTZ      NOT NULL,
    first_seen_at       TIMESTAMPTZ      NOT NULL,
    last_seen_at        TIMESTAMPTZ      NOT NULL
);

-- The transactional outbox: rows are written with the event revision they serve, published_at is set only once
-- Kafka has acknowledged the record.
CREATE TABLE commands (
    -- <eventId>#<revision>@<siteId>: event and site ids are up to 256 characters each.
    command_id    VARCHAR(600)   PRIMARY KEY,
    event_id      VARCHAR(256)   NOT NULL REFERENCES events (event_id),
    site_id       VARCHAR(256)   NOT NULL,
    revision      BIGINT         NOT NULL,
    action        VARCHAR(8)     NOT NULL,
    shed_kw       NUMERIC(12, 1) NOT NULL,
    starts_at     TIMESTAMPTZ    NOT NULL,
    ends_at       TIMESTAMPTZ    NOT NULL,
    issued_at     TIMESTAMPTZ    NOT NULL,
    -- The SiteCommand JSON to publish, encoded once so a re-publication sends the same bytes.
    payload       TEXT           NOT NULL,
    -- Orders the outbox: commands go out in the order they were written.
    seq           BIGSERIAL      NOT NULL UNIQUE,
    published_at  TIMESTAMPTZ
);

CREATE INDEX commands_by_event ON commands (event_id, site_id, revision);
CREATE INDEX commands_unpublished ON commands (seq) WHERE published_at IS NULL;

CREATE TABLE acks (
    command_id   VARCHAR(600)   NOT NULL REFERENCES commands (command_id),
    status       VARCHAR(16)    NOT NULL,
    site_id      VARCHAR(256)   NOT NULL,
    event_id     VARCHAR(256)   NOT NULL,
    shed_kw      DOUBLE PRECISION NOT NULL,
    reason       VARCHAR(1024),
    reported_at  TIMESTAMPTZ    NOT NULL,
    received_at  TIMESTAMPTZ    NOT NULL,
    -- One row per command and step: a re-delivered ack is a duplicate.
    PRIMARY KEY (command_id, status)
);

CREATE INDEX acks_by_event ON acks (event_id, site_id, reported_at);
