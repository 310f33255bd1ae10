-- Metered intervals are partitioned by month of their start (UTC): a month's readings live in one table, so reading
-- a billing period touches only its months, and old months can be detached and archived whole. Months are created
-- ahead by settlement.ensure_meter_partitions (called at startup and daily); an interval of a month without its own
-- partition (a backfill of long-gone months) lands in the default partition and is read like any other.

ALTER TABLE settlement.meter_interval RENAME TO meter_interval_v5;
ALTER TABLE settlement.meter_interval_v5 RENAME CONSTRAINT meter_interval_pkey TO meter_interval_v5_pkey;

CREATE TABLE settlement.meter_interval (
    site_id           VARCHAR(256)   NOT NULL,
    interval_start    TIMESTAMPTZ    NOT NULL,
    interval_end      TIMESTAMPTZ    NOT NULL,
    average_kw        NUMERIC(18, 6) NOT NULL,
    energy_kwh        NUMERIC(18, 6) NOT NULL,
    received_at       TIMESTAMPTZ    NOT NULL,
    schedule_revision BIGINT,
    source            VARCHAR(8),
    coverage          NUMERIC(7, 6),
    PRIMARY KEY (site_id, interval_start),
    CONSTRAINT meter_interval_positive_length CHECK (interval_end > interval_start),
    CONSTRAINT meter_interval_non_negative CHECK (average_kw >= 0 AND energy_kwh >= 0),
    CONSTRAINT meter_interval_source CHECK (source IN ('METER', 'MINERS')),
    CONSTRAINT meter_interval_coverage CHECK (coverage BETWEEN 0 AND 1)
) PARTITION BY RANGE (interval_start);

CREATE TABLE settlement.meter_interval_default PARTITION OF settlement.meter_interval DEFAULT;

-- Creates the monthly partitions from the month of `first` to `months_ahead` months after the current one, skipping
-- those that exist. A month whose intervals already sit in the default partition is left there (creating it would
-- fail); the function says so in a notice.
CREATE FUNCTION settlement.ensure_meter_partitions(first TIMESTAMPTZ, months_ahead INTEGER) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    month   TIMESTAMP;
    last    TIMESTAMP := date_trunc('month', (now() AT TIME ZONE 'UTC')) + make_interval(months => months_ahead);
    name    TEXT;
    created INTEGER := 0;
BEGIN
    month := date_trunc('month', (first AT TIME ZONE 'UTC'));
    WHILE month <= last LOOP
        name := 'meter_interval_' || to_char(month, 'YYYY_MM');
        IF to_regclass('settlement.' || name) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE settlement.%I PARTITION OF settlement.meter_interval '
                    || 'FOR VALUES FROM (%L) TO (%L)', name, (month AT TIME ZONE 'UTC'),
                    ((month + INTERVAL '1 month') AT TIME ZONE 'UTC'));
                created := created + 1;
            EXCEPTION WHEN check_violation THEN
                RAISE NOTICE 'intervals of % stay in the default partition', to_char(month, 'YYYY-MM');
            END;
        END IF;
        month := month + INTERVAL '1 month';
    END LOOP;
    RETURN created;
END;
$$;

SELECT settlement.ensure_meter_partitions(
    LEAST(COALESCE((SELECT MIN(interval_start) FROM settlement.meter_interval_v5), now()), now() - INTERVAL '13 months'),
    2);

INSERT INTO settlement.meter_interval (site_id, interval_start, interval_end, average_kw, energy_kwh, received_at,
                                       schedule_revision, source, coverage)
SELECT site_id, interval_start, interval_end, average_kw, energy_kwh, received_at, schedule_revision, source, coverage
  FROM settlement.meter_interval_v5;

DROP TABLE settlement.meter_interval_v5;
