-- A site's payouts (its lines in every statement) are read by site: the site page lists them.
CREATE INDEX statement_line_site ON settlement.statement_line (site_id, statement_id);
