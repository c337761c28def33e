-- 006: guards on the two settings the audit chain hangs on. Without them, someone with the file
-- could drop the append-only trigger, delete the last entries, put the trigger back word for word
-- and move `audit_chain_head` back, and verify would find nothing. Now the head only moves
-- forward (a higher seq, or the same value again), neither row can be deleted or renamed, and
-- the device id never changes once made. Verify requires these triggers exactly as written here
-- (main/db/audit-chain.ts); dropping and recreating them is caught only by the cloud copy.
-- INSERT is guarded too: an upsert or INSERT OR REPLACE over an existing row deletes it without
-- firing delete triggers (recursive_triggers is off), so it must meet the same rule as an update.

CREATE TRIGGER settings_chain_head_forward_only BEFORE UPDATE OF value ON settings
WHEN OLD.key = 'audit_chain_head' AND (NOT json_valid(NEW.value) OR json_type(NEW.value, '$.seq') IS NOT 'integer' OR json_extract(NEW.value, '$.seq') < json_extract(OLD.value, '$.seq') OR (json_extract(NEW.value, '$.seq') = json_extract(OLD.value, '$.seq') AND NEW.value IS NOT OLD.value))
BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward'); END;

CREATE TRIGGER settings_chain_head_insert_forward_only BEFORE INSERT ON settings
WHEN NEW.key = 'audit_chain_head' AND EXISTS (SELECT 1 FROM settings AS s WHERE s.key = 'audit_chain_head' AND (NOT json_valid(NEW.value) OR json_type(NEW.value, '$.seq') IS NOT 'integer' OR json_extract(NEW.value, '$.seq') < json_extract(s.value, '$.seq') OR (json_extract(NEW.value, '$.seq') = json_extract(s.value, '$.seq') AND NEW.value IS NOT s.value)))
BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward'); END;

CREATE TRIGGER settings_device_id_fixed BEFORE UPDATE OF value ON settings
WHEN OLD.key = 'device_id' AND NEW.value IS NOT OLD.value
BEGIN SELECT RAISE(ABORT, 'the device id cannot be changed'); END;

CREATE TRIGGER settings_device_id_insert_fixed BEFORE INSERT ON settings
WHEN NEW.key = 'device_id' AND EXISTS (SELECT 1 FROM settings AS s WHERE s.key = 'device_id' AND s.value IS NOT NEW.value)
BEGIN SELECT RAISE(ABORT, 'the device id cannot be changed'); END;

CREATE TRIGGER settings_chain_keys_no_rename BEFORE UPDATE OF key ON settings
WHEN (OLD.key IN ('device_id', 'audit_chain_head') OR NEW.key IN ('device_id', 'audit_chain_head')) AND NEW.key IS NOT OLD.key
BEGIN SELECT RAISE(ABORT, 'the device id and audit chain head cannot be renamed'); END;

CREATE TRIGGER settings_chain_keys_no_delete BEFORE DELETE ON settings
WHEN OLD.key IN ('device_id', 'audit_chain_head')
BEGIN SELECT RAISE(ABORT, 'the device id and audit chain head cannot be deleted'); END;
