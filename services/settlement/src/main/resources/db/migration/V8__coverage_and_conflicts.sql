-- The share of a site a telemetry interval's figures must cover (the miners reporting) for the interval to count in a
-- statement. Below it the interval is left out as if unmetered, and the line says so: figures from part of a site
-- understate its draw, so counting them would pay for load that was only unobserved. Earlier terms get the default.
ALTER TABLE settlement.program_terms
    ADD COLUMN minimum_site_coverage NUMERIC(5, 4) NOT NULL DEFAULT 0.95,
    ADD CONSTRAINT program_terms_site_coverage CHECK (minimum_site_coverage > 0 AND minimum_site_coverage <= 1);

-- Telemetry that overlaps a stored interval of its site with other figures. Intake keeps the first interval stored
-- (settling on either copy would be a guess, and a stored figure never changes silently); each conflicting report is
-- kept here once, with the stored interval it met, so what the agent claimed is never lost and can be looked into.
CREATE TABLE settlement.telemetry_conflict (
    site_id           VARCHAR(256)   NOT NULL,
    interval_start    TIMESTAMPTZ    NOT NULL,
    interval_end      TIMESTAMPTZ    NOT NULL,
    average_kw        NUMERIC(18, 6) NOT NULL,
    energy_kwh        NUMERIC(18, 6) NOT NULL,
    schedule_revision BIGINT,
    source            VARCHAR(8),
    coverage          NUMERIC(7, 6),
    stored_start      TIMESTAMPTZ    NOT NULL,
    stored_end        TIMESTAMPTZ    NOT NULL,
    received_at       TIMESTAMPTZ    NOT NULL,
    CONSTRAINT telemetry_conflict_once UNIQUE NULLS NOT DISTINCT (site_id, interval_start, interval_end, average_kw,
        energy_kwh, schedule_revision, source, coverage)
);
