-- DrEvent v2 carries the VTN's signal as it is (a reduction in kW, an import cap, a fraction, a percentage, a level
-- or a price) instead of a reduction in kW, so an event row says what its values mean and keeps the largest one
-- exactly, in the signal's own unit. Rows written before were all reductions in kW.
ALTER TABLE gateway.dr_event RENAME COLUMN peak_reduction_kw TO peak_value;
ALTER TABLE gateway.dr_event ALTER COLUMN peak_value TYPE NUMERIC;
ALTER TABLE gateway.dr_event
    ADD COLUMN signal TEXT CHECK (signal IN ('REDUCTION_KW', 'REDUCTION_PERCENT', 'IMPORT_CAP_KW',
                                             'CAPACITY_FRACTION', 'LEVEL', 'PRICE')),
    -- ISO 4217 code of a PRICE signal's prices (per MWh); NULL for every other signal.
    ADD COLUMN currency TEXT CHECK (currency ~ '^[A-Z]{3}$');
UPDATE gateway.dr_event SET signal = 'REDUCTION_KW' WHERE peak_value IS NOT NULL;
