// The bench data's people: the office's user accounts (CSRs and a manager) and its customers with types and segments.
import { v7 as uuidv7 } from 'uuid';
import type { CustomerType } from '../core/domain/customer-profile';
import type { Db } from '../main/db/database';
import { customerSearchText } from '../main/db/repos/customers-repo';
import { TIMING_EQUALISER_HASH } from '../main/services/password-hashing';
import { COMPANIES, CSR_AUTHORS, FIRST_NAMES, MANAGER_AUTHOR, type Random, SEGMENTS, SURNAMES } from './vocabulary';

/** The customers written, in creation order, with what orders need of them. */
export interface CustomerPool {
  ids: string[];
  emails: (string | null)[];
  /** Indexes of the dealers and fleets: they place many more orders than private buyers. */
  business: number[];
}

/**
 * The CSRs and the manager as user accounts (the people directory follows by trigger). Nobody
 * signs in as them: their password hash is one no password matches.
 */
export function writeUsers(db: Db, at: string): number {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO users (id, username, display_name, roles, password_hash, disabled, created_at) VALUES (?,?,?,?,?,0,?)`,
  );
  const accounts = [...CSR_AUTHORS.map((a) => ({ ...a, roles: ['CSR'] })), { ...MANAGER_AUTHOR, roles: ['Manager'] }];
  db.transaction(() => {
    for (const a of accounts) insert.run(a.id, a.username, a.name, JSON.stringify(a.roles), TIMING_EQUALISER_HASH, at);
  })();
  return accounts.length;
}

function customerType(rand: Random): CustomerType {
  const roll = rand.next();
  return roll < 0.72 ? 'private' : roll < 0.92 ? 'dealer' : 'fleet';
}

function segmentsFor(rand: Random, type: CustomerType): string[] {
  const count = rand.next() < 0.45 ? 0 : rand.next() < 0.75 ? 1 : 2;
  const picked = new Set<string>();
  if (type !== 'private' && rand.next() < 0.6) picked.add('Trade');
  while (picked.size < count) picked.add(rand.pick(SEGMENTS));
  return [...picked];
}

/** Customers created evenly over the history (and a little before it); customer_segments follows by trigger. */
export function writeCustomers(db: Db, rand: Random, count: number, first: number, now: number): CustomerPool {
  const insert = db.prepare(
    `INSERT INTO customers (id, name, company, email, phone, address, preferred_channel, notes, search_text, version,
     created_at, created_by, updated_at, updated_by, type, segments, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)`,
  );
  const pool: CustomerPool = { ids: [], emails: [], business: [] };
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = new Date(first + Math.floor(((now - first) * i) / count)).toISOString();
      const given = rand.pick(FIRST_NAMES);
      const surname = rand.pick(SURNAMES);
      const type = customerType(rand);
      const c = {
        name: `${given} ${surname}`,
        company: type !== 'private' || rand.next() < 0.1 ? rand.pick(COMPANIES) : null,
        email: rand.next() < 0.93 ? `${given}.${surname}${i}@example.com`.toLowerCase() : null,
        phone: `+64 21 ${rand.int(100, 999)} ${rand.int(1000, 9999)}`,
      };
      const id = uuidv7({ msecs: Date.parse(at) });
      const address = `${rand.int(1, 240)} ${rand.pick(['Quay', 'Harbour', 'Victoria', 'King', 'Queen'])} Street`;
      const channel = rand.pick(['email', 'phone', 'whatsapp', 'sms']);
      const notes = rand.next() < 0.3 ? 'Prefers calls after 2pm. Repeat customer.' : null;
      const by = rand.pick(CSR_AUTHORS).id;
      const segments = JSON.stringify(segmentsFor(rand, type));
      insert.run(
        id,
        c.name,
        c.company,
        c.email,
        c.phone,
        address,
        channel,
        notes,
        customerSearchText(c),
        1,
        at,
        by,
        at,
        by,
        type,
        segments,
      );
      if (type !== 'private') pool.business.push(i);
      pool.ids.push(id);
      pool.emails.push(c.email);
    }
  })();
  return pool;
}

/**
 * The customer of an order taken at `share` of the way through the history: only customers who
 * existed by then, and a business customer for 45% of orders, so dealers and fleets are busy.
 */
export function customerFor(rand: Random, pool: CustomerPool, share: number): number {
  const bound = Math.max(1, Math.min(pool.ids.length, Math.floor(pool.ids.length * share)));
  if (rand.next() < 0.45) {
    // Business customers created by then: the index list is sorted, so search it.
    let lo = 0;
    let hi = pool.business.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pool.business[mid] ?? bound) < bound) lo = mid + 1;
      else hi = mid;
    }
    const known = lo;
    if (known > 0) return pool.business[rand.int(0, known - 1)] ?? 0;
  }
  return rand.int(0, bound - 1);
}
