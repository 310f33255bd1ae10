-- Revenue-meter interval data, as the utility or the site's meter operator provides it in files: the settlement-grade
-- source, which takes precedence over telemetry wherever it covers a settlement interval. Nothing is overwritten: a
-- file that states other figures for an interval already held adds a new version of it (a correction), and every
-- import is recorded with what it added, corrected and left unchanged.

CREATE TABLE settlement.revenue_import (
    import_id    UUID          PRIMARY KEY,
    site_id      VARCHAR(256)  NOT NULL,
    file_sha256  CHAR(64)      NOT NULL,
    imported_by  VARCHAR(256)  NOT NULL,
    imported_at  TIMESTAMPTZ   NOT NULL,
    file_rows    INTEGER       NOT NULL,
    added        INTEGER       NOT NULL,
    corrected    INTEGER       NOT NULL,
    unchanged    INTEGER       NOT NULL
);

CREATE TABLE settlement.revenue_interval (
    site_id        VARCHAR(256)   NOT NULL,
    interval_start TIMESTAMPTZ    NOT NULL,
    version        INTEGER        NOT NULL,
    interval_end   TIMESTAMPTZ    NOT NULL,
    energy_kwh     NUMERIC(18, 6) NOT NULL,
    import_id      UUID           NOT NULL REFERENCES settlement.revenue_import (import_id),
    PRIMARY KEY (site_id, interval_start, version),
    CONSTRAINT revenue_interval_positive_length CHECK (interval_end > interval_start),
    CONSTRAINT revenue_interval_non_negative CHECK (energy_kwh >= 0),
    CONSTRAINT revenue_interval_version CHECK (version >= 1)
);

CREATE TRIGGER revenue_import_insert_only BEFORE UPDATE OR DELETE ON settlement.revenue_import
    FOR EACH ROW EXECUTE FUNCTION settlement.refuse_change();
CREATE TRIGGER revenue_interval_insert_only BEFORE UPDATE OR DELETE ON settlement.revenue_interval
    FOR EACH ROW EXECUTE FUNCTION settlement.refuse_change();
