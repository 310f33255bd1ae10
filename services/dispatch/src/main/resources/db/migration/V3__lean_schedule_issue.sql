-- Issuing a thousand schedules must stay within tens of milliseconds, so issuing writes only what it must: the head
-- revision per site and the outbox row. What each site was asked over time stays readable from the pieces (every
-- allocation of every event revision) and from settlement, which keeps every schedule revision it receives.

-- The head keeps the latest revision issued (the next one is one more) and the latest the site accepted; whether a
-- change changes anything is now decided from the pieces, so the segments are no longer kept here.
ALTER TABLE schedule_heads ADD COLUMN accepted_revision BIGINT NOT NULL DEFAULT 0;

UPDATE schedule_heads h
SET accepted_revision = a.revision
FROM (SELECT site_id, max(revision) AS revision FROM acks WHERE status = 'ACCEPTED' GROUP BY site_id) a
WHERE a.site_id = h.site_id;

ALTER TABLE schedule_heads DROP COLUMN segments;

-- Per event, one JSON object {site: revision}: the schedule revision that first carried the event's current
-- allocation to each site. The event is NOTIFIED once every site has accepted a revision at least that recent. One
-- row per event rather than one per event and site keeps a thousand-site allocation to a single update.
ALTER TABLE events ADD COLUMN notify JSONB NOT NULL DEFAULT '{}';

UPDATE events e
SET notify = n.pending
FROM (SELECT event_id, jsonb_object_agg(site_id, revision) AS pending
      FROM event_notifications GROUP BY event_id) n
WHERE n.event_id = e.event_id;

CREATE INDEX events_to_notify ON events USING gin (notify);

DROP TABLE event_notifications;
DROP TABLE schedules;
