-- Version 2 of the message contract: DR events carry their program, signal kind and targets; which site sheds for
-- which event comes from per-site schedules, every revision of which is kept; telemetry says where its figures come
-- from and how many miners they cover.

-- DR events v2. The columns v1 did not carry get what a v1 event meant: a reduction in kW for the whole program,
-- without start randomization. Only the program cannot be known for such an event, so it may be NULL for them.
ALTER TABLE settlement.dr_event
    ADD COLUMN program             VARCHAR(128),
    ADD COLUMN signal              VARCHAR(32)     NOT NULL DEFAULT 'REDUCTION_KW',
    ADD COLUMN currency            CHAR(3),
    ADD COLUMN target_resource_ids VARCHAR(256)[]  NOT NULL DEFAULT '{}',
    ADD COLUMN target_group_ids    VARCHAR(256)[]  NOT NULL DEFAULT '{}',
    ADD COLUMN start_after_seconds BIGINT          NOT NULL DEFAULT 0,
    ADD CONSTRAINT dr_event_start_after_non_negative CHECK (start_after_seconds >= 0);

ALTER TABLE settlement.dr_event
    ALTER COLUMN signal DROP DEFAULT,
    ALTER COLUMN target_resource_ids DROP DEFAULT,
    ALTER COLUMN target_group_ids DROP DEFAULT,
    ALTER COLUMN start_after_seconds DROP DEFAULT;

-- An interval now holds the signal's value as the VTN sent it (kW, percent, fraction, level or price), exactly: an
-- unconstrained NUMERIC keeps every digit.
ALTER TABLE settlement.dr_event_interval RENAME COLUMN reduction_kw TO value;
ALTER TABLE settlement.dr_event_interval ALTER COLUMN value TYPE NUMERIC;

-- Participation came from per-event site commands, which no longer exist; the schedules below replace it.
DROP TABLE settlement.site_participation;

-- Telemetry v2: the schedule revision the agent executed replaces the command it executed. Source and coverage are
-- NULL for intervals stored from v1 telemetry, which did not state them.
ALTER TABLE settlement.meter_interval
    DROP COLUMN active_command_id,
    ADD COLUMN schedule_revision BIGINT,
    ADD COLUMN source            VARCHAR(8),
    ADD COLUMN coverage          NUMERIC(7, 6),
    ADD CONSTRAINT meter_interval_source CHECK (source IN ('METER', 'MINERS')),
    ADD CONSTRAINT meter_interval_coverage CHECK (coverage BETWEEN 0 AND 1);

-- Every revision of every site's schedule, in whatever order it arrived: settlement needs the whole history to know
-- which revision governed each moment. payload is the revision as received, re-encoded canonically, so a re-sent
-- revision can be told from a different one with the same number.
CREATE TABLE settlement.site_schedule (
    site_id     VARCHAR(256) NOT NULL,
    revision    BIGINT       NOT NULL,
    issued_at   TIMESTAMPTZ  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    payload     JSONB        NOT NULL,
    PRIMARY KEY (site_id, revision),
    CONSTRAINT site_schedule_revision_positive CHECK (revision >= 1)
);

-- "The site's revisions issued around [t1, t2)": a range scan per site.
CREATE INDEX site_schedule_issued ON settlement.site_schedule (site_id, issued_at, revision);

-- The segments of each revision, in time order (seq), not overlapping.
CREATE TABLE settlement.schedule_segment (
    site_id       VARCHAR(256)   NOT NULL,
    revision      BIGINT         NOT NULL,
    seq           INTEGER        NOT NULL,
    start_at      TIMESTAMPTZ    NOT NULL,
    end_at        TIMESTAMPTZ    NOT NULL,
    shed_kw       NUMERIC(18, 6) NOT NULL,
    import_cap_kw NUMERIC(18, 6),
    PRIMARY KEY (site_id, revision, seq),
    FOREIGN KEY (site_id, revision) REFERENCES settlement.site_schedule (site_id, revision) ON DELETE CASCADE,
    CONSTRAINT schedule_segment_positive_length CHECK (end_at > start_at),
    CONSTRAINT schedule_segment_non_negative CHECK (shed_kw >= 0 AND (import_cap_kw IS NULL OR import_cap_kw >= 0))
);

-- Who asked for each segment's reduction, and how much: the weights of the delivered energy's split.
CREATE TABLE settlement.schedule_contribution (
    site_id       VARCHAR(256)   NOT NULL,
    revision      BIGINT         NOT NULL,
    segment_seq   INTEGER        NOT NULL,
    seq           INTEGER        NOT NULL,
    event_id      VARCHAR(256)   NOT NULL,
    program       VARCHAR(128),
    kind          VARCHAR(16)    NOT NULL,
    kw            NUMERIC(18, 6) NOT NULL,
    import_cap_kw NUMERIC(18, 6),
    PRIMARY KEY (site_id, revision, segment_seq, seq),
    FOREIGN KEY (site_id, revision, segment_seq)
        REFERENCES settlement.schedule_segment (site_id, revision, seq) ON DELETE CASCADE,
    CONSTRAINT schedule_contribution_kind CHECK (kind IN ('EVENT', 'TEST', 'OVERRIDE')),
    CONSTRAINT schedule_contribution_non_negative CHECK (kw >= 0 AND (import_cap_kw IS NULL OR import_cap_kw >= 0))
);

-- "Which sites ever had a contribution for event E": an index lookup.
CREATE INDEX schedule_contribution_event ON settlement.schedule_contribution (event_id, kind, site_id);
