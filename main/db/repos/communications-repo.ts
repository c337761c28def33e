// SQL for the communication log (migration 013): insert once, advance delivery fields by version, list per order or customer.
import type { CommunicationChannel, CommunicationDirection, CommunicationEntry, DeliveryStatus } from '../../../core/domain/communication';
import { ChainSettings } from '../audit-chain';
import type { Db } from '../database';

export interface CommunicationRow {
  id: string;
  order_id: string;
  customer_id: string | null;
  channel: string;
  direction: string | null;
  subject: string | null;
  body: string;
  vehicle_ids: string;
  template_key: string | null;
  corrects_id: string | null;
  to_address: string | null;
  delivery_status: string;
  message_id: string | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  sending_device_id: string | null;
  created_at: string;
  created_by: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

export const COMMUNICATION_COLUMNS = [
  'id',
  'order_id',
  'customer_id',
  'channel',
  'direction',
  'subject',
  'body',
  'vehicle_ids',
  'template_key',
  'corrects_id',
  'to_address',
  'delivery_status',
  'message_id',
  'attempts',
  'last_error',
  'next_attempt_at',
  'sending_device_id',
  'created_at',
  'created_by',
  'version',
  'updated_at',
  'updated_by',
] as const satisfies readonly (keyof CommunicationRow)[];

/** The columns that move after the entry is written (everything else is its immutable content). */
export const COMMUNICATION_DELIVERY_COLUMNS: readonly string[] = [
  'delivery_status',
  'message_id',
  'attempts',
  'last_error',
  'next_attempt_at',
  'version',
  'updated_at',
  'updated_by',
];

function vehicleIdsOf(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

export function toCommunication(r: CommunicationRow): CommunicationEntry {
  return {
    id: r.id,
    orderId: r.order_id,
    customerId: r.customer_id,
    channel: r.channel as CommunicationChannel,
    direction: r.direction as CommunicationDirection | null,
    subject: r.subject,
    body: r.body,
    vehicleIds: vehicleIdsOf(r.vehicle_ids),
    templateKey: r.template_key,
    correctsId: r.corrects_id,
    toAddress: r.to_address,
    deliveryStatus: r.delivery_status as DeliveryStatus,
    messageId: r.message_id,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
    sendingDeviceId: r.sending_device_id,
    createdAt: r.created_at,
    createdBy: r.created_by,
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export function fromCommunication(c: CommunicationEntry): CommunicationRow {
  return {
    id: c.id,
    order_id: c.orderId,
    customer_id: c.customerId,
    channel: c.channel,
    direction: c.direction,
    subject: c.subject,
    body: c.body,
    vehicle_ids: JSON.stringify(c.vehicleIds),
    template_key: c.templateKey,
    corrects_id: c.correctsId,
    to_address: c.toAddress,
    delivery_status: c.deliveryStatus,
    message_id: c.messageId,
    attempts: c.attempts,
    last_error: c.lastError,
    next_attempt_at: c.nextAttemptAt,
    sending_device_id: c.sendingDeviceId,
    created_at: c.createdAt,
    created_by: c.createdBy,
    version: c.version,
    updated_at: c.updatedAt,
    updated_by: c.updatedBy,
  };
}

/** The delivery fields, the only ones that change after an entry is written. */
export type DeliveryAdvance = Pick<
  CommunicationEntry,
  'deliveryStatus' | 'messageId' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'version' | 'updatedAt' | 'updatedBy'
>;

/** The most one list returns: a customer with years of history still answers in one bounded query. */
export const COMMUNICATION_LIST_CAP = 500;

export class CommunicationsRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byOrderStmt;
  private readonly byOrderBeforeStmt;
  private readonly byCustomerStmt;
  private readonly correctionsStmt;
  private readonly advanceStmt;
  private readonly dueStmt;
  private readonly overwriteStmt;
  private readonly chain: ChainSettings;

  constructor(db: Db) {
    this.insertStmt = db.prepare<CommunicationRow>(
      `INSERT INTO communications (${COMMUNICATION_COLUMNS.join(', ')}) VALUES (${COMMUNICATION_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.getStmt = db.prepare<[string], CommunicationRow>(`SELECT * FROM communications WHERE id = ?`);
    this.byOrderStmt = db.prepare<[string, number], CommunicationRow>(
      `SELECT * FROM communications WHERE order_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    );
    this.byOrderBeforeStmt = db.prepare<{ order_id: string; at: string; id: string; limit: number }, CommunicationRow>(
      `SELECT * FROM communications WHERE order_id = @order_id AND (created_at, id) < (@at, @id)
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    );
    this.byCustomerStmt = db.prepare<[string, number], CommunicationRow>(
      // Through the orders, not the entry's customer_id (the customer when it was logged): a merge moves the
      // orders, and their communication follows without rewriting append-only entries.
      `SELECT m.* FROM orders o JOIN communications m ON m.order_id = o.id
        WHERE o.customer_id = ? ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    );
    this.correctionsStmt = db.prepare<[string], { id: string; corrects_id: string }>(
      `SELECT id, corrects_id FROM communications
       WHERE corrects_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`,
    );
    this.advanceStmt = db.prepare<DeliveryAdvanceRow>(
      `UPDATE communications SET delivery_status=@delivery_status, message_id=@message_id, attempts=@attempts,
         last_error=@last_error, next_attempt_at=@next_attempt_at, version=@version, updated_at=@updated_at, updated_by=@updated_by
       WHERE id=@id AND version=@version - 1`,
    );
    this.dueStmt = db.prepare<[string, string, number], CommunicationRow>(
      `SELECT * FROM communications
       WHERE sending_device_id = ? AND delivery_status IN ('queued', 'failed') AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.overwriteStmt = db.prepare<DeliveryAdvanceRow>(
      `UPDATE communications SET delivery_status=@delivery_status, message_id=@message_id, attempts=@attempts,
         last_error=@last_error, next_attempt_at=@next_attempt_at, version=@version, updated_at=@updated_at, updated_by=@updated_by
       WHERE id=@id`,
    );
    this.chain = new ChainSettings(db);
  }

  insert(entry: CommunicationEntry): void {
    this.insertStmt.run(fromCommunication(entry));
  }

  get(id: string): CommunicationEntry | null {
    const row = this.getStmt.get(id);
    return row ? toCommunication(row) : null;
  }

  /** The order's entries, newest first; `before` continues a page (keyset on created_at, id). */
  listForOrder(orderId: string, options: { limit?: number; before?: { at: string; id: string } } = {}): CommunicationEntry[] {
    const limit = Math.min(options.limit ?? COMMUNICATION_LIST_CAP, COMMUNICATION_LIST_CAP);
    const rows = options.before
      ? this.byOrderBeforeStmt.all({ order_id: orderId, at: options.before.at, id: options.before.id, limit })
      : this.byOrderStmt.all(orderId, limit);
    return rows.map(toCommunication);
  }

  /** The customer's entries across all their orders, newest first (at most `limit`, default 500). */
  listForCustomer(customerId: string, limit = COMMUNICATION_LIST_CAP): CommunicationEntry[] {
    return this.byCustomerStmt.all(customerId, Math.min(limit, COMMUNICATION_LIST_CAP)).map(toCommunication);
  }

  /** For each of `ids`, the ids of the entries that correct it (oldest first). */
  correctionsOf(ids: readonly string[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    for (const row of this.correctionsStmt.all(JSON.stringify(ids))) {
      const list = out.get(row.corrects_id) ?? [];
      list.push(row.id);
      out.set(row.corrects_id, list);
    }
    return out;
  }

  /** Writes the next delivery state at `advance.version` over the row at the version before; false when the row moved meanwhile. */
  advanceDelivery(id: string, advance: DeliveryAdvance): boolean {
    return (
      this.advanceStmt.run({
        id,
        delivery_status: advance.deliveryStatus,
        message_id: advance.messageId,
        attempts: advance.attempts,
        last_error: advance.lastError,
        next_attempt_at: advance.nextAttemptAt,
        version: advance.version,
        updated_at: advance.updatedAt,
        updated_by: advance.updatedBy,
      }).changes > 0
    );
  }

  /** Writes a merged record's delivery fields at its version, whatever the row's (a sync merge settled them). */
  overwriteDelivery(entry: CommunicationEntry): void {
    this.overwriteStmt.run({
      id: entry.id,
      delivery_status: entry.deliveryStatus,
      message_id: entry.messageId,
      attempts: entry.attempts,
      last_error: entry.lastError,
      next_attempt_at: entry.nextAttemptAt,
      version: entry.version,
      updated_at: entry.updatedAt,
      updated_by: entry.updatedBy,
    });
  }

  /** E-mails this device must send now (queued, or failed and due for a retry), oldest due first. */
  dueForDelivery(deviceId: string, now: string, limit = 20): CommunicationEntry[] {
    return this.dueStmt.all(deviceId, now, limit).map(toCommunication);
  }

  /** This device's id (the audit chain's), made once. */
  deviceId(): string {
    return this.chain.deviceId();
  }
}

interface DeliveryAdvanceRow {
  id: string;
  delivery_status: string;
  message_id: string | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  version: number;
  updated_at: string;
  updated_by: string;
}
