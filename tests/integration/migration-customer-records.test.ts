// Migration 017 on a database written before it: every customer a private buyer, e-mail and phone normalised for look-ups, segments indexed.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, migrate } from '../../main/db/database';
import { MIGRATIONS } from '../../main/db/migrations';
import { CustomersRepo } from '../../main/db/repos/customers-repo';

const CUSTOMER_RECORDS = MIGRATIONS.find((m) => m.name.endsWith('_customer_records'))?.version ?? 0;
const AT = '2026-03-02T09:00:00.000Z';
let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portside-m017-'));
  db = new Database(join(dir, 'portside.sqlite'));
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < CUSTOMER_RECORDS),
  );
  const insert = db.prepare<[string, string, string | null, string | null]>(
    `INSERT INTO customers (id, name, email, phone, search_text, version, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, 'x', 1, '${AT}', 'system', '${AT}', 'system')`,
  );
  insert.run('c1', 'Hiro Ito', '  Hiro@Example.COM ', '+64 (21) 555-0101');
  insert.run('c2', 'Local Number', null, '021 555 0101');
  insert.run('c3', 'No Contact', '', null);
  migrate(db, MIGRATIONS);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 017 (customer records)', () => {
  it('makes every existing customer a private buyer with no segments, contacts or addresses', () => {
    const repo = new CustomersRepo(db);
    expect(repo.get('c1')).toMatchObject({ type: 'private', segments: [], contacts: [], addresses: [], taxId: null, mergedInto: null });
  });

  it('backfills the normalised e-mail and the E.164 phone of numbers written with their country code', () => {
    const rows = db.prepare('SELECT id, email_normalized, phone_e164 FROM customers ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'c1', email_normalized: 'hiro@example.com', phone_e164: '+64215550101' },
      // Without a country code the region is unknown here: normalised when the customer is next saved.
      { id: 'c2', email_normalized: null, phone_e164: null },
      { id: 'c3', email_normalized: null, phone_e164: null },
    ]);
  });

  it('looks duplicates up by e-mail and phone through their indexes', () => {
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => r.detail)
        .join('\n');
    expect(plan(`SELECT id FROM customers WHERE email_normalized = 'a' AND deleted = 0`)).toMatch(/USING INDEX customers_by_email/);
    expect(plan(`SELECT id FROM customers WHERE phone_e164 = '+1' AND deleted = 0`)).toMatch(/USING INDEX customers_by_phone/);
  });

  it('keeps the segment table in step with each write of the segments, whoever writes them', () => {
    db.prepare(`UPDATE customers SET segments = '["Repeat", "JDM enthusiast"]' WHERE id = 'c1'`).run();
    const keys = () => db.prepare(`SELECT segment_key, segment FROM customer_segments WHERE customer_id = 'c1' ORDER BY segment_key`).all();
    expect(keys()).toEqual([
      { segment_key: 'jdm enthusiast', segment: 'JDM enthusiast' },
      { segment_key: 'repeat', segment: 'Repeat' },
    ]);
    db.prepare(`UPDATE customers SET segments = '["trade"]' WHERE id = 'c1'`).run();
    expect(keys()).toEqual([{ segment_key: 'trade', segment: 'trade' }]);
  });
});
