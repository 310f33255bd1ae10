-- When a site agent accepted each revision of its schedule: from then on the site executed it. An agent offline when a
-- revision was issued receives it only once its link is back and goes on with the revision it held meanwhile, so a
-- revision governs the site from its acceptance when that is known, otherwise from its issue. Kept apart from
-- site_schedule because the acceptance can arrive before the revision (they travel on different topics).
CREATE TABLE settlement.schedule_acceptance (
    site_id      VARCHAR(256) NOT NULL,
    revision     BIGINT       NOT NULL,
    accepted_at  TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (site_id, revision),
    CONSTRAINT schedule_acceptance_revision_positive CHECK (revision >= 1)
);

-- The instant from which each revision governs: its acceptance, or its issue while no acceptance is known (never before
-- its issue, whatever the agent's clock says). The revision governing at t is the highest one governing from t or
-- before that the site did not refuse: one index lookup.
ALTER TABLE settlement.site_schedule ADD COLUMN governs_from TIMESTAMPTZ;
UPDATE settlement.site_schedule SET governs_from = issued_at;
ALTER TABLE settlement.site_schedule ALTER COLUMN governs_from SET NOT NULL;
DROP INDEX settlement.site_schedule_issued;
CREATE INDEX site_schedule_governs ON settlement.site_schedule (site_id, governs_from, revision);
