-- Terms take effect from a day: an event is settled by the newest version of its program's terms in force on the
-- event's first day (in the program's time zone), so a rate that changes mid-month applies from its day on and a
-- correction of earlier terms is a newer version with the same day. Versions stored before this applied from the
-- start, as they did.
ALTER TABLE settlement.program_terms ADD COLUMN effective_from DATE NOT NULL DEFAULT DATE '1970-01-01';

-- The terms version each line was computed with (lines of one statement may use several); null on lines stored
-- before, which all used their statement's terms version.
ALTER TABLE settlement.statement_line ADD COLUMN terms_version INTEGER;
