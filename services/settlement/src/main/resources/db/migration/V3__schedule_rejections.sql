-- Revisions a site agent refused. An agent that refuses a revision goes on with the one it held, so a refused revision
-- never governs the site: the revision governing at an instant is the highest issued by then that the site did not
-- refuse. Kept apart from site_schedule because the refusal can arrive before the revision it refuses (they travel
-- on different topics).
CREATE TABLE settlement.schedule_rejection (
    site_id      VARCHAR(256)  NOT NULL,
    revision     BIGINT        NOT NULL,
    reason       VARCHAR(1024),
    reported_at  TIMESTAMPTZ   NOT NULL,
    received_at  TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (site_id, revision),
    CONSTRAINT schedule_rejection_revision_positive CHECK (revision >= 1)
);
