-- 004: the audit trail becomes a hash chain, one per device. Each entry records the device
-- that wrote it, its sequence number on that device, the previous entry's hash and its own
-- hash (sha256 over the RFC 8785 canonical JSON of its content, seq and prev_hash; see
-- core/domain/audit-chain.ts). The device id and the chain head live in `settings`.
-- Entries written before this version are sealed into the chain, in id order, by code at the
-- first open after this migration (main/db/audit-chain.ts): SQL cannot compute the hashes.
-- Rows stay NULL in these columns only if they were never sealed, which verify reports.

ALTER TABLE audit_entries ADD COLUMN device_id TEXT;
ALTER TABLE audit_entries ADD COLUMN seq INTEGER;
ALTER TABLE audit_entries ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_entries ADD COLUMN hash TEXT;

-- One entry per (device, seq), read in chain order by verify.
CREATE UNIQUE INDEX audit_chain ON audit_entries(device_id, seq) WHERE seq IS NOT NULL;
