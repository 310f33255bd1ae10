-- The VEN's own reports (EiReport), per program: what it last registered with its VTN (oadrRegisterReport), and the
-- reports the VTN asked for (oadrReportRequest), so a restart resumes them instead of waiting for the VTN to ask again.

-- One row per program: the metadata last registered, under which registration. A new registration with the VTN
-- (another registered_with) or other metadata (another fingerprint) registers the metadata again.
CREATE TABLE gateway.report_registration (
    program          TEXT PRIMARY KEY,
    ven_id           TEXT NOT NULL,
    registered_with  TIMESTAMPTZ NOT NULL,
    fingerprint      TEXT NOT NULL,
    registered_at    TIMESTAMPTZ NOT NULL
);

-- One row per report request of a program's VTN, kept once done (COMPLETED, CANCELLED) so a repeated cancellation is
-- told apart from one of a request never made. A request belongs to the registration it arrived under (ven_id,
-- registration_id): a new registration removes the others.
CREATE TABLE gateway.report_request (
    program              TEXT NOT NULL,
    report_request_id    TEXT NOT NULL,
    ven_id               TEXT NOT NULL,
    registration_id      TEXT NOT NULL,
    report_kind          TEXT NOT NULL CHECK (report_kind IN ('USAGE', 'STATUS')),
    r_ids                TEXT[] NOT NULL,
    granularity_seconds  BIGINT NOT NULL CHECK (granularity_seconds >= 0),
    report_back_seconds  BIGINT NOT NULL CHECK (report_back_seconds >= 0),
    starts_at            TIMESTAMPTZ NOT NULL,
    ends_at              TIMESTAMPTZ,
    status               TEXT NOT NULL CHECK (status IN ('ACTIVE', 'FINAL_REPORT', 'COMPLETED', 'CANCELLED')),
    last_report_at       TIMESTAMPTZ,
    requested_at         TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (program, report_request_id)
);
