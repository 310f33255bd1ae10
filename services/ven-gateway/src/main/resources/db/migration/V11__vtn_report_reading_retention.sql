-- The readings of the VTN's own reports are pruned by interval start per program
-- (gridflex.gateway.reports.vtn-readings-retention).
CREATE INDEX vtn_report_reading_program_start ON gateway.vtn_report_reading (program, interval_start);
