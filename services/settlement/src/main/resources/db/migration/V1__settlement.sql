-- Settlement's own schema: metered intervals, DR events and which sites took part in them.
-- Energy and power are NUMERIC, never floating point: these figures end up on invoices.

-- One row per metered interval of a site. Intervals of a site never overlap; intake enforces that under an
-- advisory lock per site, because an exclusion constraint would need the btree_gist extension.
CREATE TABLE settlement.meter_interval (
    site_id           VARCHAR(256)  NOT NULL,
    interval_start    TIMESTAMPTZ   NOT NULL,
    interval_end      TIMESTAMPTZ   NOT NULL,
    average_kw        NUMERIC(18, 6) NOT NULL,
    energy_kwh        NUMERIC(18, 6) NOT NULL,
    active_command_id VARCHAR(256),
    received_at       TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (site_id, interval_start),
    CONSTRAINT meter_interval_positive_length CHECK (interval_end > interval_start),
    CONSTRAINT meter_interval_non_negative CHECK (average_kw >= 0 AND energy_kwh >= 0)
);

-- The latest known version of each DR event (highest modification number).
CREATE TABLE settlement.dr_event (
    event_id            VARCHAR(256)  PRIMARY KEY,
    vtn_id              VARCHAR(256)  NOT NULL,
    vtn_event_id        VARCHAR(256)  NOT NULL,
    modification_number BIGINT        NOT NULL,
    market_context      VARCHAR(2048) NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    start_at            TIMESTAMPTZ   NOT NULL,
    end_at              TIMESTAMPTZ   NOT NULL,
    priority            INTEGER       NOT NULL,
    test_event          BOOLEAN       NOT NULL,
    received_at         TIMESTAMPTZ   NOT NULL,
    CONSTRAINT dr_event_window CHECK (end_at >= start_at)
);

CREATE INDEX dr_event_start ON settlement.dr_event (start_at DESC);

-- The reduction the VTN asked for, interval by interval, of the version held in dr_event.
CREATE TABLE settlement.dr_event_interval (
    event_id     VARCHAR(256)   NOT NULL REFERENCES settlement.dr_event (event_id) ON DELETE CASCADE,
    seq          INTEGER        NOT NULL,
    start_at     TIMESTAMPTZ    NOT NULL,
    end_at       TIMESTAMPTZ    NOT NULL,
    reduction_kw NUMERIC(18, 6) NOT NULL,
    PRIMARY KEY (event_id, seq)
);

-- Which site took part in which event, as the latest command revision for that pair says. No foreign key to
-- dr_event: commands and events travel on different topics and a command may arrive first.
CREATE TABLE settlement.site_participation (
    event_id        VARCHAR(256)   NOT NULL,
    site_id         VARCHAR(256)   NOT NULL,
    revision        BIGINT         NOT NULL,
    shed_kw         NUMERIC(18, 6) NOT NULL,
    start_at        TIMESTAMPTZ    NOT NULL,
    end_at          TIMESTAMPTZ    NOT NULL,
    cancelled_at    TIMESTAMPTZ,
    last_command_id VARCHAR(256)   NOT NULL,
    updated_at      TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (event_id, site_id),
    CONSTRAINT site_participation_window CHECK (end_at > start_at)
);

CREATE INDEX site_participation_site ON settlement.site_participation (site_id);
