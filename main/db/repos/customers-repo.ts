// SQL for customers: prepared statements only.
import type { ContactChannel, Customer, CustomerWithCounts } from '../../../core/domain/customer';
import type { CustomerAddress, CustomerContact, CustomerType } from '../../../core/domain/customer-profile';
import type { CurrencyAmount } from '../../../core/domain/customer-totals';
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
  type: string;
  segments: string;
  tax_id: string | null;
  contacts: string;
  addresses: string;
  merged_into: string | null;
  search_text: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted: number;
}

/** The id and the fields duplicates are looked up by. */
export interface DuplicateCandidateRow {
  id: string;
  name: string;
  company: string | null;
  email_normalized: string | null;
  phone_e164: string | null;
}

export function customerSearchText(c: Pick<Customer, 'name' | 'company' | 'email' | 'phone'> & Partial<Pick<Customer, 'taxId'>>): string {
  return [c.name, c.company, c.email, c.phone, c.taxId].filter(Boolean).join(' ').toLowerCase();
}

/** A JSON list column of our own rows ('[]' when unreadable: never crash a screen on one bad row). */
function jsonList<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
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
    type: r.type as CustomerType,
    segments: jsonList<string>(r.segments),
    taxId: r.tax_id,
    contacts: jsonList<CustomerContact>(r.contacts),
    addresses: jsonList<CustomerAddress>(r.addresses),
    mergedInto: r.merged_into,
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
    type: c.type,
    segments: JSON.stringify(c.segments),
    tax_id: c.taxId,
    contacts: JSON.stringify(c.contacts),
    addresses: JSON.stringify(c.addresses),
    merged_into: c.mergedInto,
    search_text: customerSearchText(c),
    version: c.version,
    created_at: c.createdAt,
    created_by: c.createdBy,
    updated_at: c.updatedAt,
    updated_by: c.updatedBy,
    // A merged customer is a tombstone: out of lists and look-ups, kept for the audit trail.
    deleted: c.mergedInto ? 1 : 0,
  };
}

export const CUSTOMER_COLUMN_NAMES = [
  'id',
  'name',
  'company',
  'email',
  'phone',
  'address',
  'preferred_channel',
  'notes',
  'type',
  'segments',
  'tax_id',
  'contacts',
  'addresses',
  'merged_into',
  'search_text',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted',
] as const;
const COLUMNS = CUSTOMER_COLUMN_NAMES.join(', ');
const PARAMS = CUSTOMER_COLUMN_NAMES.map((c) => `@${c}`).join(', ');
const SET = CUSTOMER_COLUMN_NAMES.filter((c) => c !== 'id' && c !== 'created_at' && c !== 'created_by')
  .map((c) => `${c}=@${c}`)
  .join(', ');
/**
 * Counts and the open balance per currency (JSON [{currency, amount}]): what open orders are worth
 * until payments are recorded (core/domain/customer-totals.ts orderBalanceDue says the same in TS).
 */
const COUNTS = `(SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND ${openOrderSql('o')}) AS open_orders,
  (SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND o.deleted = 0) AS total_orders,
  (SELECT json_group_array(json_object('currency', currency, 'amount', amount)) FROM (
     SELECT o.currency AS currency, sum(o.balance_due) AS amount FROM orders o
     WHERE o.customer_id = c.id AND o.deleted = 0 AND o.status <> 'Cancelled' GROUP BY o.currency HAVING sum(o.balance_due) <> 0 ORDER BY o.currency)
  ) AS open_balance`;

type ListRow = CustomerRow & { open_orders: number; total_orders: number; open_balance: string };
interface ListParams {
  pattern: string | null;
  type: string | null;
  segment: string | null;
  after_name: string | null;
  after_id: string;
  limit: number;
}

export interface CustomerListFilter {
  query?: string | undefined;
  type?: CustomerType | undefined;
  segment?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const LIST_SQL = `SELECT ${CUSTOMER_COLUMN_NAMES.map((c) => `c.${c}`).join(', ')}, ${COUNTS}
  FROM customers c
  WHERE c.deleted = 0
    AND (@pattern IS NULL OR c.search_text LIKE @pattern ESCAPE '\\')
    AND (@type IS NULL OR c.type = @type)
    AND (@segment IS NULL OR EXISTS (SELECT 1 FROM customer_segments s WHERE s.customer_id = c.id AND s.segment_key = lower(trim(@segment))))
    AND (@after_name IS NULL OR (c.name COLLATE NOCASE, c.id) > (@after_name, @after_id))
  ORDER BY c.name COLLATE NOCASE, c.id
  LIMIT @limit`;

export class CustomersRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly anyByIdStmt;
  private readonly listStmt;
  private readonly planStmt;
  private readonly byEmailStmt;
  private readonly byPhoneStmt;
  private readonly withCompanyStmt;
  private readonly mergedFromStmt;
  private readonly orderIdsStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<CustomerRow>(`INSERT INTO customers (${COLUMNS}) VALUES (${PARAMS})`);
    this.updateStmt = db.prepare<CustomerRow>(`UPDATE customers SET ${SET} WHERE id=@id`);
    this.byIdStmt = db.prepare<[string], CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE id = ? AND deleted = 0`);
    this.anyByIdStmt = db.prepare<[string], CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE id = ?`);
    this.listStmt = db.prepare<ListParams, ListRow>(LIST_SQL);
    this.planStmt = db.prepare<ListParams, { detail: string }>(`EXPLAIN QUERY PLAN ${LIST_SQL}`);
    const candidate = 'SELECT id, name, company, email_normalized, phone_e164 FROM customers';
    this.byEmailStmt = db.prepare<[string], DuplicateCandidateRow>(`${candidate} WHERE email_normalized = ? AND deleted = 0`);
    this.byPhoneStmt = db.prepare<[string], DuplicateCandidateRow>(`${candidate} WHERE phone_e164 = ? AND deleted = 0`);
    this.withCompanyStmt = db.prepare<[], DuplicateCandidateRow>(`${candidate} WHERE company IS NOT NULL AND deleted = 0`);
    this.mergedFromStmt = db.prepare<[string], { id: string; name: string }>(
      `SELECT id, name FROM customers WHERE merged_into = ? ORDER BY updated_at, id`,
    );
    this.orderIdsStmt = db.prepare<[string], { id: string }>(
      `SELECT id FROM orders WHERE customer_id = ? AND deleted = 0 ORDER BY order_date, id`,
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

  /** Also a merged (tombstoned) customer: a merge says where it went instead of "not found". */
  getIncludingMerged(id: string): Customer | null {
    const row = this.anyByIdStmt.get(id);
    return row ? toCustomer(row) : null;
  }

  list(input: CustomerListFilter): { items: CustomerWithCounts[]; nextCursor: string | null } {
    const rows = this.listStmt.all(this.listParams(input));
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        ...toCustomer(r),
        openOrders: r.open_orders,
        totalOrders: r.total_orders,
        openBalance: jsonList<CurrencyAmount>(r.open_balance),
      })),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last.name, last.id) : null,
    };
  }

  /** SQLite's plan for a list query, so tests can hold it to its indexes. */
  listQueryPlan(input: CustomerListFilter): string[] {
    return this.planStmt.all(this.listParams(input)).map((r) => r.detail);
  }

  private listParams(input: CustomerListFilter): ListParams {
    const after = decodeCursor(input.cursor);
    return {
      pattern: input.query ? likePattern(input.query) : null,
      type: input.type ?? null,
      segment: input.segment ?? null,
      after_name: after?.sortKey ?? null,
      after_id: after?.id ?? '',
      limit: input.limit + 1,
    };
  }

  /** Customers sharing the normalised e-mail or the E.164 phone (indexed look-ups). */
  byEmailOrPhone(emailNormalized: string | null, phoneE164: string | null): DuplicateCandidateRow[] {
    return [...(emailNormalized ? this.byEmailStmt.all(emailNormalized) : []), ...(phoneE164 ? this.byPhoneStmt.all(phoneE164) : [])];
  }

  /**
   * Every customer with a company, for the similar-name-same-company check: company names are
   * compared accent- and punctuation-insensitively in core, which SQLite cannot index. A few
   * thousand short rows per save; revisit with a stored key if customer counts grow far beyond.
   */
  withCompany(): DuplicateCandidateRow[] {
    return this.withCompanyStmt.all();
  }

  mergedFrom(id: string): { id: string; name: string }[] {
    return this.mergedFromStmt.all(id);
  }

  /** Ids of the customer's orders, oldest first. */
  orderIds(customerId: string): string[] {
    return this.orderIdsStmt.all(customerId).map((r) => r.id);
  }
}
