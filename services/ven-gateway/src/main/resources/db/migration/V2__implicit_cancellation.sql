-- How many times the gateway cancelled an event itself because the VTN left it out of an oadrDistributeEvent
-- (OpenADR 2.0b implicit cancellation). Each such cancellation is published with a modificationNumber one above the
-- last, which the VTN never sent; every DrEvent published for the event afterwards carries the VTN's
-- modificationNumber plus this count, so the numbers dispatch and settlement see keep increasing.
ALTER TABLE gateway.dr_event
    ADD COLUMN implicit_cancellations INTEGER NOT NULL DEFAULT 0 CHECK (implicit_cancellations >= 0);
