-- The energy each reported site drew, kept for HISTORY_USAGE reports: a row per site and fixed time bucket
-- (gridflex.gateway.reports.history.bucket), summed from the sites' telemetry intervals, each interval split over the
-- buckets it spans in proportion to time. counted_until is the end of the latest interval counted in the row: an
-- interval that starts before it (delivered again, or out of order) is not counted twice. covered_ms is how much of
-- the bucket the counted intervals cover, so a report can say when a figure misses part of its time.
CREATE TABLE gateway.site_energy (
    site_id        TEXT NOT NULL,
    bucket_start   TIMESTAMPTZ NOT NULL,
    energy_kwh     DOUBLE PRECISION NOT NULL,
    covered_ms     BIGINT NOT NULL CHECK (covered_ms >= 0),
    counted_until  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (site_id, bucket_start)
);

-- Rows older than the retention are deleted by bucket_start across all sites.
CREATE INDEX site_energy_bucket_start ON gateway.site_energy (bucket_start);

-- Report requests may now ask for the history.
ALTER TABLE gateway.report_request DROP CONSTRAINT report_request_report_kind_check;
ALTER TABLE gateway.report_request ADD CONSTRAINT report_request_report_kind_check
    CHECK (report_kind IN ('USAGE', 'STATUS', 'HISTORY'));
