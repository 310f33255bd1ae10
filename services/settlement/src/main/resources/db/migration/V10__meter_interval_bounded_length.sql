-- No metered interval lasts more than a day (intake refuses anything longer than its configured maximum, 15 minutes
-- by default, and that maximum may not be set above a day). Saying so in the table lets a reader find the interval
-- that runs into a window by looking back at most a day before it, instead of through every older month.
ALTER TABLE settlement.meter_interval
    ADD CONSTRAINT meter_interval_at_most_a_day CHECK (interval_end <= interval_start + INTERVAL '1 day');
