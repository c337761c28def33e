// The audit chain's hashed text and its walk: pinned format, and each kind of break named.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../core/domain/audit';
import { AUDIT_CHAIN_GENESIS, auditChainText, AuditChainWalk, type StoredChainEntry, wellFormedValue } from '../../core/domain/audit-chain';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const entry = (n: number): AuditEntry => ({
  id: `e-${n}`,
  at: '2026-11-30T09:00:00.000Z',
  actorId: 'u-1',
  actorName: 'Casey Morgan',
  entityType: 'order',
  entityId: 'o-1',
  orderId: 'o-1',
  action: 'updated',
  changes: [{ field: 'notes', before: null, after: `note ${n}` }],
  reason: null,
  origin: 'local',
});

/** A well-formed chain of `count` entries on device d-1. */
function chain(count: number): StoredChainEntry[] {
  const rows: StoredChainEntry[] = [];
  let prevHash = AUDIT_CHAIN_GENESIS;
  for (let seq = 1; seq <= count; seq++) {
    const position = { deviceId: 'd-1', seq, prevHash };
    const hash = sha256(auditChainText(entry(seq), position));
    rows.push({ entry: entry(seq), ...position, hash });
    prevHash = hash;
  }
  return rows;
}

function walk(rows: readonly StoredChainEntry[], head: { seq: number; hash: string } | null): AuditChainWalk {
  const w = new AuditChainWalk('d-1', sha256);
  for (const row of rows) w.check(row);
  w.finish(head);
  return w;
}

describe('the hashed text of an audit entry', () => {
  it('is RFC 8785 canonical JSON: sorted keys, no spaces, whatever order the fields came in', () => {
    const text = auditChainText(entry(1), { deviceId: 'd-1', seq: 1, prevHash: AUDIT_CHAIN_GENESIS });
    expect(text).toBe(
      '{"action":"updated","actorId":"u-1","actorName":"Casey Morgan","at":"2026-11-30T09:00:00.000Z",' +
        '"changes":[{"after":"note 1","before":null,"field":"notes"}],"deviceId":"d-1","entityId":"o-1","entityType":"order",' +
        `"format":1,"id":"e-1","orderId":"o-1","origin":"local","prevHash":"${AUDIT_CHAIN_GENESIS}","reason":null,"seq":1}`,
    );
    const reordered = Object.fromEntries(Object.entries(entry(1)).reverse()) as unknown as AuditEntry;
    expect(auditChainText(reordered, { prevHash: AUDIT_CHAIN_GENESIS, seq: 1, deviceId: 'd-1' })).toBe(text);
  });

  it('replaces lone surrogates as SQLite stores them, and keeps emoji and accents', () => {
    expect(wellFormedValue({ a: ['x\uD800y', 'é 🚗'] })).toEqual({ a: ['x\uFFFDy', 'é 🚗'] });
  });
});

describe('walking a chain', () => {
  it('finds nothing wrong with an intact chain whose head matches', () => {
    const rows = chain(4);
    expect(walk(rows, { seq: 4, hash: rows[3]?.hash ?? '' }).problems).toEqual([]);
  });

  it('names an edited entry by its id and seq', () => {
    const rows = chain(4);
    const edited = rows.map((r) => (r.seq === 2 ? { ...r, entry: { ...r.entry, actorName: 'Someone else' } } : r));
    expect(walk(edited, { seq: 4, hash: rows[3]?.hash ?? '' }).problems).toEqual([
      { id: 'e-2', seq: 2, reason: 'entry e-2 (seq 2) does not match its hash: its content was edited, or it was forged' },
    ]);
  });

  it('names the gap a deleted entry leaves', () => {
    const rows = chain(4).filter((r) => r.seq !== 2);
    expect(walk(rows, { seq: 4, hash: rows[2]?.hash ?? '' }).problems).toEqual([
      { id: 'e-3', seq: 3, reason: 'entries with seq 2 are missing before entry e-3 (seq 3): they were deleted' },
    ]);
  });

  it("takes a gap in another device's pulled chain as entries not pulled yet, and still checks the entries that are here", () => {
    const rows = chain(5).filter((r) => r.seq !== 1 && r.seq !== 3);
    const pulled = new AuditChainWalk('d-1', sha256, { pulled: true });
    for (const row of rows) pulled.check(row);
    expect(pulled.problems).toEqual([]);
    const edited = rows.map((r) => (r.seq === 4 ? { ...r, entry: { ...r.entry, reason: 'edited' } } : r));
    const checked = new AuditChainWalk('d-1', sha256, { pulled: true });
    for (const row of edited) checked.check(row);
    expect(checked.problems.map((p) => p.seq)).toEqual([4]);
  });

  it('names a replaced entry whose seq fits but whose link does not', () => {
    const rows = chain(3);
    const forged = { deviceId: 'd-1', seq: 2, prevHash: 'a'.repeat(64) };
    rows[1] = { entry: entry(9), ...forged, hash: sha256(auditChainText(entry(9), forged)) };
    expect(walk(rows, null).problems.map((p) => p.reason)).toEqual([
      'entry e-9 (seq 2) does not link to the entry before it (prev_hash differs): an entry was deleted or replaced',
      'entry e-3 (seq 3) does not link to the entry before it (prev_hash differs): an entry was deleted or replaced',
      'the chain head of device d-1 is missing from settings',
    ]);
  });

  it('names entries deleted at the end, and entries appended past the head', () => {
    const rows = chain(4);
    expect(walk(rows.slice(0, 2), { seq: 4, hash: rows[3]?.hash ?? '' }).problems).toEqual([
      { id: null, seq: 3, reason: 'the chain head in settings is at seq 4 but the last entry is seq 2: entries at the end were deleted' },
    ]);
    expect(walk(rows, { seq: 3, hash: rows[2]?.hash ?? '' }).problems).toEqual([
      { id: 'e-4', seq: 4, reason: 'entries after seq 3 (the chain head in settings) up to seq 4 were appended outside Portside' },
    ]);
  });
});
