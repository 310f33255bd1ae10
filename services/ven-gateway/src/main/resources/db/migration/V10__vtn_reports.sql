-- The VTN's own reports, which this VEN asks for (the VEN as the requesting party of EiReport): what the VTN offered
-- (its oadrRegisterReport), what this VEN asked of it (oadrReportRequest, in an oadrRegisteredReport or an
-- oadrCreateReport), and every reading the VTN then sent (oadrUpdateReport).

-- One row per report the VTN offered, replaced whole by its next oadrRegisterReport. The offers belong to the
-- registration they arrived under (ven_id, registration_id).
CREATE TABLE gateway.vtn_report_offer (
    program               TEXT NOT NULL,
    report_specifier_id   TEXT NOT NULL,
    report_name           TEXT NOT NULL,
    r_ids                 TEXT[] NOT NULL,
    min_period_seconds    BIGINT,
    max_period_seconds    BIGINT,
    ven_id                TEXT NOT NULL,
    registration_id       TEXT NOT NULL,
    offered_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (program, report_specifier_id)
);

-- One row per request this VEN made of its VTN, never deleted: its readings refer to it.
--   REQUESTED   sent, the VTN's oadrCreatedReport not yet read
--   ACTIVE      the VTN listed it as pending: readings are coming
--   COMPLETED   its one report (one-shot) arrived, or the VTN no longer lists it as pending
--   REFUSED     the VTN did not take it (response_code, detail)
--   CANCELLED   this VEN cancelled it (oadrCancelReport) and the VTN confirmed
--   ENDED       the registration it was made under ended: a new registration asks again
CREATE TABLE gateway.vtn_report_request (
    program               TEXT NOT NULL,
    report_request_id     TEXT NOT NULL,
    report_specifier_id   TEXT NOT NULL,
    report_name           TEXT NOT NULL,
    r_ids                 TEXT[] NOT NULL,
    granularity_seconds   BIGINT NOT NULL CHECK (granularity_seconds >= 0),
    report_back_seconds   BIGINT NOT NULL CHECK (report_back_seconds >= 0),
    ven_id                TEXT NOT NULL,
    registration_id       TEXT NOT NULL,
    status                TEXT NOT NULL
                          CHECK (status IN ('REQUESTED', 'ACTIVE', 'COMPLETED', 'REFUSED', 'CANCELLED', 'ENDED')),
    requested_via         TEXT NOT NULL CHECK (requested_via IN ('oadrRegisteredReport', 'oadrCreateReport')),
    detail                TEXT,
    requested_at          TIMESTAMPTZ NOT NULL,
    last_update_at        TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (program, report_request_id)
);

-- One row per data point and interval the VTN reported. The same interval reported again (a repeated or corrected
-- oadrUpdateReport) replaces the row only when its report was created later.
CREATE TABLE gateway.vtn_report_reading (
    program               TEXT NOT NULL,
    report_request_id     TEXT NOT NULL,
    r_id                  TEXT NOT NULL,
    interval_start        TIMESTAMPTZ NOT NULL,
    duration_seconds      BIGINT NOT NULL CHECK (duration_seconds >= 0),
    value                 DOUBLE PRECISION,
    status                TEXT,
    data_quality          TEXT,
    report_created_at     TIMESTAMPTZ NOT NULL,
    received_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (program, report_request_id, r_id, interval_start),
    FOREIGN KEY (program, report_request_id) REFERENCES gateway.vtn_report_request (program, report_request_id)
);
