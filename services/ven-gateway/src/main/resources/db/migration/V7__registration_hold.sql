-- A program whose registration an operator ended (the VEN's own oadrCancelPartyRegistration) registers no more, also
-- after a restart, until an operator asks for a registration again; the row is removed then.
CREATE TABLE gateway.registration_hold (
    program TEXT PRIMARY KEY,
    held_since TIMESTAMPTZ NOT NULL DEFAULT now(),
    reason TEXT NOT NULL
);
