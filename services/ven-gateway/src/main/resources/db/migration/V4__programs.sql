-- The gateway serves several programs, each with its own VTN connection: a registration belongs to a program (two
-- programs may use the same VTN under different venIDs), and so do the events and distributions it received.
-- Rows written before have no program; the first program that finds a registration with its VTN URL takes it over
-- (RegistrationRepository), so an upgrade keeps the venID the VTN knows.
ALTER TABLE gateway.registration DROP CONSTRAINT registration_pkey;
ALTER TABLE gateway.registration ADD COLUMN program TEXT;
ALTER TABLE gateway.registration ADD COLUMN id BIGSERIAL PRIMARY KEY;
CREATE UNIQUE INDEX registration_program ON gateway.registration (program);

ALTER TABLE gateway.distribution ADD COLUMN program TEXT;
ALTER TABLE gateway.dr_event ADD COLUMN program TEXT;
CREATE INDEX dr_event_open_by_program ON gateway.dr_event (program, vtn_id)
    WHERE status NOT IN ('CANCELLED', 'COMPLETED');
