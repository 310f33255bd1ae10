-- Dispatch becomes the place where commitments become schedules: a fleet registry kept by operators (sites,
-- programs, enrollments, OpenADR targets), the live state sites report, every revision of every event, each event's
-- allocation as pieces per site, one schedule per site published through an outbox, acknowledgements per segment,
-- an event timeline, operator overrides and an audit log. The per-event command tables of V1 are replaced outright:
-- GridFlex had no installation to migrate.

DROP TABLE acks;
DROP TABLE commands;
DROP TABLE sites;
DROP TABLE events;

-- ---- Fleet registry --------------------------------------------------------------------------------------------

CREATE TABLE programs (
    program_id            VARCHAR(128)   PRIMARY KEY,
    name                  VARCHAR(256)   NOT NULL,
    -- When set, events must carry this market context / come from this VTN, or they are refused.
    market_context        VARCHAR(2048),
    vtn_id                VARCHAR(256),
    -- Share of the enrolled capacity a LEVEL signal asks for, at levels 1, 2 and 3 (0 asks for nothing).
    level_shares          NUMERIC(5, 4)[] NOT NULL,
    -- Extra reduction scheduled on top of what an event asks for, as a share of it (0.05 = 5 %).
    over_delivery_margin  NUMERIC(5, 4)  NOT NULL,
    -- Currency PRICE signals of this program are in (ISO 4217).
    currency              CHAR(3)        NOT NULL,
    time_zone             VARCHAR(64)    NOT NULL,
    version               BIGINT         NOT NULL,
    created_at            TIMESTAMPTZ    NOT NULL,
    created_by            VARCHAR(256)   NOT NULL,
    updated_at            TIMESTAMPTZ    NOT NULL,
    updated_by            VARCHAR(256)   NOT NULL,
    CONSTRAINT programs_levels CHECK (cardinality(level_shares) = 3),
    CONSTRAINT programs_margin CHECK (over_delivery_margin >= 0 AND over_delivery_margin <= 1)
);

CREATE TABLE sites (
    site_id                 VARCHAR(256)   PRIMARY KEY,
    name                    VARCHAR(256)   NOT NULL,
    time_zone               VARCHAR(64)    NOT NULL,
    -- The most the site may ever be asked to shed, whatever it reports.
    max_shed_kw             NUMERIC(12, 1) NOT NULL,
    -- Mining load that always keeps running (cooling, contracts, warm standby).
    min_mining_kw           NUMERIC(12, 1) NOT NULL,
    -- How fast the site can shed and restore; null: as fast as its agent can (seconds).
    ramp_down_kw_per_min    NUMERIC(12, 1),
    ramp_up_kw_per_min      NUMERIC(12, 1),
    -- Lower numbers are dispatched first; equal priorities go least profitable hashing first.
    priority                INTEGER        NOT NULL,
    -- The site owner's share of the payments for what the site delivers (0 to 1).
    revenue_share           NUMERIC(5, 4)  NOT NULL,
    owner_name              VARCHAR(256)   NOT NULL,
    owner_email             VARCHAR(256)   NOT NULL,
    import_limit_kw         NUMERIC(12, 1) NOT NULL,
    -- Draw a co-located data centre is committed to: an import cap never squeezes the site below it.
    datacentre_committed_kw NUMERIC(12, 1) NOT NULL,
    -- Break-even electricity price per MWh (currency of the program); null: computed from efficiency and hash price.
    strike_price_per_mwh    NUMERIC(12, 2),
    -- ACTIVE sites are dispatched; SUSPENDED sites keep their registration but get no share; REMOVED sites are gone.
    status                  VARCHAR(16)    NOT NULL,
    version                 BIGINT         NOT NULL,
    created_at              TIMESTAMPTZ    NOT NULL,
    created_by              VARCHAR(256)   NOT NULL,
    updated_at              TIMESTAMPTZ    NOT NULL,
    updated_by              VARCHAR(256)   NOT NULL,
    CONSTRAINT sites_figures CHECK (max_shed_kw >= 0 AND min_mining_kw >= 0 AND import_limit_kw > 0
        AND datacentre_committed_kw >= 0 AND priority >= 0 AND revenue_share >= 0 AND revenue_share <= 1),
    CONSTRAINT sites_status CHECK (status IN ('ACTIVE', 'SUSPENDED', 'REMOVED'))
);

CREATE TABLE enrollments (
    site_id      VARCHAR(256)   NOT NULL REFERENCES sites (site_id),
    program_id   VARCHAR(128)   NOT NULL REFERENCES programs (program_id),
    enrolled_kw  NUMERIC(12, 1) NOT NULL CHECK (enrolled_kw > 0),
    PRIMARY KEY (site_id, program_id)
);

CREATE INDEX enrollments_by_program ON enrollments (program_id);

-- An OpenADR resourceID or groupID of a program, and the sites it stands for.
CREATE TABLE program_targets (
    program_id  VARCHAR(128)  NOT NULL REFERENCES programs (program_id),
    kind        VARCHAR(8)    NOT NULL CHECK (kind IN ('RESOURCE', 'GROUP')),
    target_id   VARCHAR(256)  NOT NULL,
    site_id     VARCHAR(256)  NOT NULL REFERENCES sites (site_id),
    PRIMARY KEY (program_id, kind, target_id, site_id)
);

-- What each site's agent last reported; one row per site, only ever moved forward in time.
CREATE TABLE site_live (
    site_id             VARCHAR(256)     PRIMARY KEY REFERENCES sites (site_id),
    interval_start      TIMESTAMPTZ      NOT NULL,
    interval_end        TIMESTAMPTZ      NOT NULL,
    site_kw             DOUBLE PRECISION NOT NULL,
    mining_kw           DOUBLE PRECISION,
    datacentre_kw       DOUBLE PRECISION,
    sheddable_kw        DOUBLE PRECISION NOT NULL,
    shed_kw             DOUBLE PRECISION NOT NULL,
    target_shed_kw      DOUBLE PRECISION NOT NULL,
    max_import_kw       DOUBLE PRECISION NOT NULL,
    miners_total        INTEGER          NOT NULL,
    miners_hashing      INTEGER          NOT NULL,
    miners_asleep       INTEGER          NOT NULL,
    miners_unreachable  INTEGER          NOT NULL,
    miners_other        INTEGER          NOT NULL,
    hashrate_ths        DOUBLE PRECISION,
    efficiency_j_per_th DOUBLE PRECISION,
    schedule_revision   BIGINT,
    source              VARCHAR(8)       NOT NULL,
    coverage            DOUBLE PRECISION NOT NULL,
    received_at         TIMESTAMPTZ      NOT NULL
);

-- Set by the closed loop when a site falls short of its target: until it ends (or the site reports more it can shed),
-- the site is counted on for no more than it delivered, and what it could not deliver goes to other sites.
CREATE TABLE site_derates (
    site_id   VARCHAR(256)   PRIMARY KEY REFERENCES sites (site_id),
    kw        NUMERIC(12, 1) NOT NULL CHECK (kw >= 0),
    since     TIMESTAMPTZ    NOT NULL,
    until     TIMESTAMPTZ    NOT NULL,
    reason    VARCHAR(1024)  NOT NULL
);

-- ---- Events ----------------------------------------------------------------------------------------------------

CREATE TABLE events (
    event_id            VARCHAR(256)   PRIMARY KEY,
    -- VTN: a utility's event from ven-gateway; OPERATOR: a manual test event.
    source              VARCHAR(16)    NOT NULL,
    program_id          VARCHAR(128),
    vtn_id              VARCHAR(256)   NOT NULL,
    vtn_event_id        VARCHAR(256)   NOT NULL,
    -- The highest modification number processed; anything equal is a duplicate, anything lower is out of order.
    modification_number BIGINT         NOT NULL,
    vtn_status          VARCHAR(16)    NOT NULL,
    signal              VARCHAR(24)    NOT NULL,
    test_event          BOOLEAN        NOT NULL,
    priority            INTEGER        NOT NULL,
    starts_at           TIMESTAMPTZ    NOT NULL,
    ends_at             TIMESTAMPTZ    NOT NULL,
    -- Lifecycle: RECEIVED, SCHEDULED, NOTIFIED, ACTIVE, COMPLETED, CANCELLED.
    state               VARCHAR(16)    NOT NULL,
    -- What dispatch did with the latest revision, and why when it refused it.
    outcome             VARCHAR(24)    NOT NULL,
    outcome_detail      VARCHAR(1024),
    -- At the interval that asks most: what was asked, what the sites were given, what none could take.
    requested_kw        NUMERIC(12, 1) NOT NULL,
    allocated_kw        NUMERIC(12, 1) NOT NULL,
    shortfall_kw        NUMERIC(12, 1) NOT NULL,
    -- The DrEvent JSON of the latest revision, exactly as received (re-allocations plan from it).
    payload             TEXT           NOT NULL,
    first_received_at   TIMESTAMPTZ    NOT NULL,
    updated_at          TIMESTAMPTZ    NOT NULL
);

CREATE INDEX events_recent ON events (updated_at DESC);
CREATE INDEX events_open ON events (ends_at) WHERE state NOT IN ('COMPLETED', 'CANCELLED');

-- Every revision as received, so an event's history can be read back whole.
CREATE TABLE event_revisions (
    event_id            VARCHAR(256)  NOT NULL REFERENCES events (event_id),
    modification_number BIGINT        NOT NULL,
    payload             TEXT          NOT NULL,
    received_at         TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (event_id, modification_number)
);

-- An event's (or operator action's) allocation: how many kW one site holds off from when to when. Pieces of one event
-- and site do not overlap. A re-allocation replaces the pieces from its own "now" on; earlier ones are history.
CREATE TABLE pieces (
    event_id       VARCHAR(256)   NOT NULL,
    site_id        VARCHAR(256)   NOT NULL REFERENCES sites (site_id),
    starts_at      TIMESTAMPTZ    NOT NULL,
    ends_at        TIMESTAMPTZ    NOT NULL,
    kw             NUMERIC(12, 1) NOT NULL CHECK (kw >= 0),
    import_cap_kw  NUMERIC(12, 1),
    kind           VARCHAR(8)     NOT NULL CHECK (kind IN ('EVENT', 'TEST', 'OVERRIDE')),
    program_id     VARCHAR(128),
    PRIMARY KEY (event_id, site_id, starts_at),
    CONSTRAINT pieces_window CHECK (ends_at > starts_at)
);

CREATE INDEX pieces_by_site ON pieces (site_id, ends_at);
-- What is in force or ahead is a small part of all pieces ever allocated: reads of "from now on" start here.
CREATE INDEX pieces_ending ON pieces (ends_at);

-- ---- Schedules -------------------------------------------------------------------------------------------------

-- The latest schedule issued per site: its revision and segments (JSON), to tell whether a change changes anything.
CREATE TABLE schedule_heads (
    site_id     VARCHAR(256)  PRIMARY KEY REFERENCES sites (site_id),
    revision    BIGINT        NOT NULL,
    issued_at   TIMESTAMPTZ   NOT NULL,
    segments    TEXT          NOT NULL
);

-- Every schedule issued, as sent.
CREATE TABLE schedules (
    site_id       VARCHAR(256)  NOT NULL,
    revision      BIGINT        NOT NULL,
    issued_at     TIMESTAMPTZ   NOT NULL,
    payload       TEXT          NOT NULL,
    PRIMARY KEY (site_id, revision)
);

-- The outbox: one row per schedule not yet acknowledged by Kafka, with the bytes to send, published in order by the
-- relay and deleted once acknowledged, so it stays as small as what waits (reading it never touches the history).
CREATE TABLE schedule_outbox (
    seq        BIGSERIAL    PRIMARY KEY,
    site_id    VARCHAR(256) NOT NULL,
    revision   BIGINT       NOT NULL,
    issued_at  TIMESTAMPTZ  NOT NULL,
    payload    TEXT         NOT NULL
);

-- Which schedule revision first carried an event's current allocation to a site, and whether the site accepted it.
CREATE TABLE event_notifications (
    event_id     VARCHAR(256)  NOT NULL REFERENCES events (event_id),
    site_id      VARCHAR(256)  NOT NULL,
    revision     BIGINT        NOT NULL,
    accepted_at  TIMESTAMPTZ,
    PRIMARY KEY (event_id, site_id)
);

CREATE TABLE acks (
    site_id      VARCHAR(256)     NOT NULL,
    revision     BIGINT           NOT NULL,
    -- The segment's start; -infinity for acks about the whole schedule (ACCEPTED, REJECTED).
    segment_key  TIMESTAMPTZ      NOT NULL,
    segment_end  TIMESTAMPTZ,
    status       VARCHAR(16)      NOT NULL,
    shed_kw      DOUBLE PRECISION NOT NULL,
    target_kw    DOUBLE PRECISION NOT NULL,
    event_ids    TEXT[]           NOT NULL,
    reason       VARCHAR(1024),
    reported_at  TIMESTAMPTZ      NOT NULL,
    received_at  TIMESTAMPTZ      NOT NULL,
    -- One row per revision, segment and step: a re-delivered ack is a duplicate.
    PRIMARY KEY (site_id, revision, segment_key, status)
);

CREATE INDEX acks_by_event ON acks USING gin (event_ids);

-- ---- Timeline, operator actions, audit -------------------------------------------------------------------------

CREATE TABLE timeline (
    entry_id   BIGSERIAL     PRIMARY KEY,
    event_id   VARCHAR(256)  NOT NULL,
    at         TIMESTAMPTZ   NOT NULL,
    kind       VARCHAR(24)   NOT NULL,
    site_id    VARCHAR(256),
    summary    VARCHAR(1024) NOT NULL,
    detail     JSONB
);

CREATE INDEX timeline_by_event ON timeline (event_id, entry_id);

CREATE TABLE overrides (
    override_id   BIGSERIAL      PRIMARY KEY,
    site_id       VARCHAR(256)   NOT NULL REFERENCES sites (site_id),
    -- SHED: hold kw off (null: all it can); HOLD: shed nothing; LIMIT: shed at most kw.
    kind          VARCHAR(8)     NOT NULL CHECK (kind IN ('SHED', 'HOLD', 'LIMIT')),
    kw            NUMERIC(12, 1),
    starts_at     TIMESTAMPTZ    NOT NULL,
    ends_at       TIMESTAMPTZ    NOT NULL,
    reason        VARCHAR(1024)  NOT NULL,
    created_at    TIMESTAMPTZ    NOT NULL,
    created_by    VARCHAR(256)   NOT NULL,
    cleared_at    TIMESTAMPTZ,
    cleared_by    VARCHAR(256),
    CONSTRAINT overrides_window CHECK (ends_at > starts_at)
);

CREATE INDEX overrides_by_site ON overrides (site_id, ends_at) WHERE cleared_at IS NULL;

CREATE TABLE audit_log (
    entry_id  BIGSERIAL     PRIMARY KEY,
    at        TIMESTAMPTZ   NOT NULL,
    actor     VARCHAR(256)  NOT NULL,
    action    VARCHAR(64)   NOT NULL,
    target    VARCHAR(512)  NOT NULL,
    detail    JSONB
);

CREATE INDEX audit_recent ON audit_log (at DESC);

-- Outbox of DispatchStatus messages for ven-gateway.
CREATE TABLE status_outbox (
    status_id     BIGSERIAL     PRIMARY KEY,
    event_id      VARCHAR(256)  NOT NULL,
    payload       TEXT          NOT NULL,
    created_at    TIMESTAMPTZ   NOT NULL,
    published_at  TIMESTAMPTZ
);

CREATE INDEX status_unpublished ON status_outbox (status_id) WHERE published_at IS NULL;
