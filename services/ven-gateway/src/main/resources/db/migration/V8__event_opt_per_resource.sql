-- An event can be opted out for one resource of those it names, when dispatch says that resource takes no part in it
-- while the fleet falls short; the rest of the event stays opted in. Each decision is still taken once: once per
-- program, event, modification and scope, where the scope is '' for the whole event (the resources it names, else
-- the VEN) or the one resource opted out.
ALTER TABLE gateway.event_opt ADD COLUMN opt_scope TEXT NOT NULL DEFAULT '';
ALTER TABLE gateway.event_opt DROP CONSTRAINT event_opt_program_event_id_modification_number_key;
ALTER TABLE gateway.event_opt ADD CONSTRAINT event_opt_once UNIQUE (program, event_id, modification_number, opt_scope);
