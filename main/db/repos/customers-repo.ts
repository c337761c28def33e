// SQL for customers: prepared statements only.
import type { ContactChannel, Customer, CustomerWithCounts } from '../../../core/domain/customer';
import type { Db } from '../database';
import { decodeCursor, encodeCursor, likePattern } from '../cursor';
import { openOrderSql } from './open-orders-sql';

export interface CustomerRow {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  preferred_channel: string | null;
  notes: string | null;
  search_text: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted: number;
}

export function customerSearchText(c: Pick<Customer, 'name' | 'company' | 'email' | 'phone'>): string {
  return [c.name, c.company, c.email, c.phone].filter(Boolean).join(' ').toLowerCase();
}

export function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id,
    name: r.name,
    company: r.company,
    email: r.email,
    phone: r.phone,
    address: r.address,
    preferredChannel: r.preferred_channel as ContactChannel | null,
    notes: r.notes,
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export function fromCustomer(c: Customer): CustomerRow {
  return {
    id: c.id,
    name: c.name,
    company: c.company,
    email: c.email,
    phone: c.phone,
    address: c.address,
    preferred_channel: c.preferredChannel,
    notes: c.notes,
    search_text: customerSearchText(c),
    version: c.version,
    created_at: c.createdAt,
    created_by: c.createdBy,
    updated_at: c.updatedAt,
    updated_by: c.updatedBy,
    deleted: 0,
  };
}

const COLUMNS =
  'id, name, company, email, phone, address, preferred_channel, notes, search_text, version, created_at, created_by, updated_at, updated_by, deleted';
const PARAMS = COLUMNS.split(', ')
  .map((c) => `@${c}`)
  .join(', ');
const COUNTS = `(SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND ${openOrderSql('o')}) AS open_orders,
  (SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND o.deleted = 0) AS total_orders`;

export class CustomersRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<CustomerRow>(`INSERT INTO customers (${COLUMNS}) VALUES (${PARAMS})`);
    this.updateStmt = db.prepare<CustomerRow>(
      `UPDATE customers SET name=@name, company=@company, email=@email, phone=@phone, address=@address,
       preferred_channel=@preferred_channel, notes=@notes, search_text=@search_text, version=@version,
       updated_at=@updated_at, updated_by=@updated_by, deleted=@deleted WHERE id=@id`,
    );
    this.byIdStmt = db.prepare<[string], CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE id = ? AND deleted = 0`);
    this.listStmt = db.prepare<
      { pattern: string | null; after_name: string | null; after_id: string; limit: number },
      CustomerRow & { open_orders: number; total_orders: number }
    >(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `c.${c}`)
        .join(', ')}, ${COUNTS}
       FROM customers c
       WHERE c.deleted = 0
         AND (@pattern IS NULL OR c.search_text LIKE @pattern ESCAPE '\\')
         AND (@after_name IS NULL OR (c.name COLLATE NOCASE, c.id) > (@after_name, @after_id))
       ORDER BY c.name COLLATE NOCASE, c.id
       LIMIT @limit`,
    );
  }

  insert(row: CustomerRow): void {
    this.insertStmt.run(row);
  }

  update(row: CustomerRow): void {
    this.updateStmt.run(row);
  }

  get(id: string): Customer | null {
    const row = this.byIdStmt.get(id);
    return row ? toCustomer(row) : null;
  }

  list(input: { query?: string | undefined; limit: number; cursor?: string | undefined }): {
    items: CustomerWithCounts[];
    nextCursor: string | null;
  } {
    const after = decodeCursor(input.cursor);
    const rows = this.listStmt.all({
      pattern: input.query ? likePattern(input.query) : null,
      after_name: after?.sortKey ?? null,
      after_id: after?.id ?? '',
      limit: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ ...toCustomer(r), openOrders: r.open_orders, totalOrders: r.total_orders })),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last.name, last.id) : null,
    };
  }
}
