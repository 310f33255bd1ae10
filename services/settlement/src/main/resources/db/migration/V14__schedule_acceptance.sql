-- When a site agent accepted each revision of its schedule: from then on the site executed it. An agent offline when a
-- revision was issued receives it only once its link is back and goes on with the revision it held meanwhile. Kept
-- apart from site_schedule because the acceptance can arrive before the revision (they travel on different topics).
CREATE TABLE settlement.schedule_acceptance (
    site_id      VARCHAR(256) NOT NULL,
    revision     BIGINT       NOT NULL,
    accepted_at  TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (site_id, revision),
    CONSTRAINT schedule_acceptance_revision_positive CHECK (revision >= 1)
);

-- What is known of when each revision started to govern its site:
--   accepted_at       the site's acceptance (its agent's clock), once it has arrived;
--   lower_held_until  the end of the last metered interval, after the revision's issue, in which the site reported
--                     holding a lower revision: it had not accepted this one by then;
--   held              the site has reported holding this revision or a higher one: it has accepted this one.
-- governs_from follows: the acceptance when known; else the issue while nothing says the site held a lower revision
-- after it (the usual case, where acknowledgements follow within milliseconds); else, once the site has moved on, the
-- last report of the lower revision; and while the site's latest reports still show a lower revision, nothing: the
-- revision does not govern yet (an offline site's replayed intervals are not cut short by a revision it had not
-- received). Never before the issue. The revision governing at t is the highest governing from t or before.
ALTER TABLE settlement.site_schedule
    ADD COLUMN accepted_at TIMESTAMPTZ,
    ADD COLUMN lower_held_until TIMESTAMPTZ,
    ADD COLUMN held BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN governs_from TIMESTAMPTZ GENERATED ALWAYS AS (
        CASE
            WHEN accepted_at IS NOT NULL THEN greatest(issued_at, accepted_at)
            WHEN lower_held_until IS NULL THEN issued_at
            WHEN held THEN greatest(issued_at, lower_held_until)
        END) STORED;
DROP INDEX settlement.site_schedule_issued;
CREATE INDEX site_schedule_governs ON settlement.site_schedule (site_id, governs_from, revision);
-- Revisions whose site has not yet been seen holding them: few per site, looked up with every batch of intervals.
CREATE INDEX site_schedule_not_held ON settlement.site_schedule (site_id, revision) WHERE NOT held;
