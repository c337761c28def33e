// Outbox items <-> DynamoDB items: the keys of DESIGN.md §4, the record's fields as attributes, the GSI keys; pure, both ways.
import type { OutboxItem, SyncedEntity } from '../core/domain/outbox';
import { marshallItem, type PlainValue, type TableItem, unmarshallItem } from './attribute-values';
import { changeFeedPartition, changeFeedShard, GSI1, GSI2, TABLE_KEY } from './table-schema';

/*
 * Items, one per synced record (the record's fields become attributes one for one, null as NULL):
 *   order          ORDER#<id>        / DETAILS                  GSI1 when it has a customer
 *   order_vehicle  ORDER#<orderId>   / VEHICLE#<vehicleId>
 *   customer       CUSTOMER#<id>     / PROFILE
 *   vehicle        VEHICLE#<id>      / DETAILS
 *   template       TEMPLATE#<id>     / DETAILS                  a message template (migration 014)
 *   stage_event    VEHICLE#<vehicleId> / STAGE#<at>#<id>
 *   payment        ORDER#<orderId>   / PAYMENT#<id>             append-only
 *   communication  ORDER#<orderId>   / COMM#<createdAt>#<id>    content immutable; delivery fields advance by version
 *   task           ORDER#<orderId>   / TASK#<id>
 *   order_follower ORDER#<orderId>   / FOLLOWER#<userId>        who follows the order (`following` flag)
 *   audit          ORDER#<orderId>   / AUDIT#<at>#<id>          entries about an order
 *                  AUDIT#<deviceId>  / SEQ#<seq, 12 digits>     entries about no order (customers, users,
 *                  a vehicle outside any order): keyed by their place in the device's hash chain, so a
 *                  second, different entry at the same place cannot be pushed over the first.
 * A record's `id` is stored under its own name (orderId, customerId, vehicleId, eventId, auditId, commId),
 * as the seed names the order's; every item carries the GSI2 change-feed keys.
 */

/** The table's own attributes; a record field of the same name would be lost, so it is refused. */
const STRUCTURAL = [TABLE_KEY.partition, TABLE_KEY.sort, GSI1.partition, GSI1.sort, GSI2.partition, GSI2.sort, 'deleted'] as const;

interface EntitySpec {
  /** Where the record's `id` is stored; null for order lines (identified by orderId + vehicleId). */
  idAttribute: string | null;
  /** Mutable items carry version, updatedAt, updatedBy and deleted; audit entries are append-only. */
  mutable: boolean;
}

const SPECS: Record<SyncedEntity, EntitySpec> = {
  order: { idAttribute: 'orderId', mutable: true },
  order_vehicle: { idAttribute: null, mutable: true },
  customer: { idAttribute: 'customerId', mutable: true },
  vehicle: { idAttribute: 'vehicleId', mutable: true },
  stage_event: { idAttribute: 'eventId', mutable: true },
  audit: { idAttribute: 'auditId', mutable: false },
  payment: { idAttribute: 'paymentId', mutable: false },
  template: { idAttribute: 'templateId', mutable: true },
  communication: { idAttribute: 'commId', mutable: true },
  task: { idAttribute: 'taskId', mutable: true },
  order_follower: { idAttribute: null, mutable: true },
};

/**
 * A stage event changes at most once (its retraction) and its record has no version of its own,
 * so its item's version, updatedAt and updatedBy are derived: 1 as recorded, 2 once retracted.
 */
const STAGE_EVENT_DERIVED = ['version', 'updatedAt', 'updatedBy'] as const;

export const AUDIT_SEQ_DIGITS = 12;

/** An outbox item (or pulled item) that does not fit the table's shape; `field` names the culprit. */
export class ItemMappingError extends Error {
  override name = 'ItemMappingError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ItemKey {
  PK: string;
  SK: string;
}

/** What a table item holds, as the local store sees it. */
export interface SyncedRecord {
  entity: SyncedEntity;
  key: Record<string, string>;
  /** The record as the outbox item's `data` holds it. */
  data: Record<string, PlainValue>;
  /** The item's version (derived for stage events); null for append-only audit entries. */
  version: number | null;
  /** A tombstone: the record was deleted (kept so devices offline for weeks learn of it). */
  deleted: boolean;
}

export interface ToItemOptions {
  /** When the change reaches the table (the push's time, ISO 8601): the change feed's order. */
  changedAt: string;
  /** Write a tombstone. */
  deleted?: boolean;
}

function keyPart(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '' || value.includes('#')) {
    throw new ItemMappingError(
      field,
      `${field} must be non-empty text without "#" to be part of a DynamoDB key (got ${JSON.stringify(value)}).`,
    );
  }
  return value;
}

function auditSeq(value: unknown): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value >= 10 ** AUDIT_SEQ_DIGITS) {
    throw new ItemMappingError('seq', `An audit entry's seq must be a whole number from 1 (got ${JSON.stringify(value)}).`);
  }
  return String(value).padStart(AUDIT_SEQ_DIGITS, '0');
}

/** The item's PK and SK; `key` is the outbox item's key, `data` supplies the time and chain parts. */
export function tableKeyOf(entity: SyncedEntity, key: Record<string, string>, data: Record<string, unknown>): ItemKey {
  switch (entity) {
    case 'order':
      return { PK: `ORDER#${keyPart(key.id, 'id')}`, SK: 'DETAILS' };
    case 'order_vehicle':
      return { PK: `ORDER#${keyPart(key.orderId, 'orderId')}`, SK: `VEHICLE#${keyPart(key.vehicleId, 'vehicleId')}` };
    case 'customer':
      return { PK: `CUSTOMER#${keyPart(key.id, 'id')}`, SK: 'PROFILE' };
    case 'vehicle':
      return { PK: `VEHICLE#${keyPart(key.id, 'id')}`, SK: 'DETAILS' };
    case 'template':
      return { PK: `TEMPLATE#${keyPart(key.id, 'id')}`, SK: 'DETAILS' };
    case 'stage_event':
      return { PK: `VEHICLE#${keyPart(key.vehicleId, 'vehicleId')}`, SK: `STAGE#${keyPart(data.at, 'at')}#${keyPart(key.id, 'id')}` };
    case 'payment':
      return { PK: `ORDER#${keyPart(key.orderId, 'orderId')}`, SK: `PAYMENT#${keyPart(key.id, 'id')}` };
    case 'communication':
      return {
        PK: `ORDER#${keyPart(key.orderId, 'orderId')}`,
        SK: `COMM#${keyPart(data.createdAt, 'createdAt')}#${keyPart(key.id, 'id')}`,
      };
    case 'task':
      return { PK: `ORDER#${keyPart(key.orderId, 'orderId')}`, SK: `TASK#${keyPart(key.id, 'id')}` };
    case 'order_follower':
      return { PK: `ORDER#${keyPart(key.orderId, 'orderId')}`, SK: `FOLLOWER#${keyPart(key.userId, 'userId')}` };
    case 'audit':
      if (data.orderId !== null && data.orderId !== undefined) {
        return { PK: `ORDER#${keyPart(data.orderId, 'orderId')}`, SK: `AUDIT#${keyPart(data.at, 'at')}#${keyPart(key.id, 'id')}` };
      }
      return { PK: `AUDIT#${keyPart(data.deviceId, 'deviceId')}`, SK: `SEQ#${auditSeq(data.seq)}` };
  }
}

/** The record's key fields must be the outbox key's: a mismatch would file the item under another record. */
function assertKeyMatchesData(item: Pick<OutboxItem, 'entity' | 'key' | 'data'>): void {
  for (const [field, value] of Object.entries(item.key)) {
    if (item.data[field] !== value) {
      throw new ItemMappingError(
        field,
        `The ${item.entity} item's data.${field} (${JSON.stringify(item.data[field])}) differs from its key (${value}).`,
      );
    }
  }
}

function assertVersioned(data: Record<string, unknown>, entity: SyncedEntity): void {
  const { version, updatedAt, updatedBy } = data;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new ItemMappingError('version', `A ${entity} item needs a version (a whole number from 1), got ${JSON.stringify(version)}.`);
  }
  if (typeof updatedAt !== 'string' || typeof updatedBy !== 'string') {
    throw new ItemMappingError(
      typeof updatedAt !== 'string' ? 'updatedAt' : 'updatedBy',
      `A ${entity} item needs updatedAt and updatedBy as text.`,
    );
  }
}

function reservedFields(entity: SyncedEntity): string[] {
  const spec = SPECS[entity];
  const reserved: string[] = [...STRUCTURAL];
  // An order's data already carries orderId (= id) for the seed; every other entity's id attribute is ours.
  if (spec.idAttribute && entity !== 'order') reserved.push(spec.idAttribute);
  if (entity === 'stage_event') reserved.push(...STAGE_EVENT_DERIVED);
  return reserved;
}

/** The item as a plain record: keys, the record's fields (its id under its own name), GSI keys. */
export function toTableRecord(item: Pick<OutboxItem, 'entity' | 'key' | 'data'>, options: ToItemOptions): Record<string, unknown> {
  const { entity, data } = item;
  const spec = SPECS[entity];
  assertKeyMatchesData(item);
  for (const field of reservedFields(entity)) {
    if (field in data)
      throw new ItemMappingError(field, `A ${entity} record cannot have a field named ${field}: the table item uses that name.`);
  }
  if (entity === 'order' && data.orderId !== undefined && data.orderId !== data.id) {
    throw new ItemMappingError(
      'orderId',
      `The order's orderId (${JSON.stringify(data.orderId)}) differs from its id (${JSON.stringify(data.id)}).`,
    );
  }
  const { PK, SK } = tableKeyOf(entity, item.key, data);
  const changedAt = keyPart(options.changedAt, 'changedAt');
  const { id, ...fields } = data;
  const record: Record<string, unknown> = { PK, SK, ...(spec.idAttribute ? { [spec.idAttribute]: id } : {}), ...fields };
  if (entity === 'stage_event') {
    const retracted = typeof data.retractedAt === 'string';
    record.version = retracted ? 2 : 1;
    record.updatedAt = retracted ? data.retractedAt : data.recordedAt;
    record.updatedBy = retracted ? data.retractedBy : data.recordedBy;
  }
  if (spec.mutable) {
    assertVersioned(record, entity);
    record.deleted = options.deleted ?? false;
  } else if (options.deleted) {
    throw new ItemMappingError('deleted', `${entity} items are append-only: they are never deleted.`);
  }
  if (entity === 'order' && typeof data.customerId === 'string') {
    record[GSI1.partition] = `CUSTOMER#${keyPart(data.customerId, 'customerId')}`;
    record[GSI1.sort] = `ORDER#${keyPart(data.orderDate, 'orderDate')}#${keyPart(data.id, 'id')}`;
  }
  record[GSI2.partition] = changeFeedPartition(changeFeedShard(PK));
  record[GSI2.sort] = `${changedAt}#${PK}#${SK}`;
  return record;
}

/** The DynamoDB item for an outbox item (or a pulled record being written back). */
export function toTableItem(item: Pick<OutboxItem, 'entity' | 'key' | 'data'>, options: ToItemOptions): TableItem {
  return marshallItem(toTableRecord(item, options));
}

/** The entity and the id-bearing key fields an item's PK/SK names; null for a kind this version does not know. */
function classify(pk: string, sk: string): { entity: SyncedEntity; key: Record<string, string>; idFromAttribute?: true } | null {
  const p = /^(ORDER|CUSTOMER|VEHICLE|AUDIT|TEMPLATE)#([^#]+)$/.exec(pk);
  if (!p) return null;
  const [, kind = '', id = ''] = p;
  let m: RegExpExecArray | null;
  if (kind === 'ORDER' && sk === 'DETAILS') return { entity: 'order', key: { id } };
  if (kind === 'ORDER' && (m = /^VEHICLE#([^#]+)$/.exec(sk)))
    return { entity: 'order_vehicle', key: { orderId: id, vehicleId: m[1] ?? '' } };
  if (kind === 'ORDER' && (m = /^PAYMENT#([^#]+)$/.exec(sk))) return { entity: 'payment', key: { orderId: id, id: m[1] ?? '' } };
  if (kind === 'ORDER' && (m = /^FOLLOWER#([^#]+)$/.exec(sk)))
    return { entity: 'order_follower', key: { orderId: id, userId: m[1] ?? '' } };
  if (kind === 'ORDER' && (m = /^AUDIT#[^#]+#([^#]+)$/.exec(sk))) return { entity: 'audit', key: { id: m[1] ?? '' } };
  if (kind === 'ORDER' && (m = /^COMM#[^#]+#([^#]+)$/.exec(sk))) return { entity: 'communication', key: { orderId: id, id: m[1] ?? '' } };
  if (kind === 'ORDER' && (m = /^TASK#([^#]+)$/.exec(sk))) return { entity: 'task', key: { orderId: id, id: m[1] ?? '' } };
  if (kind === 'AUDIT' && /^SEQ#\d+$/.test(sk)) return { entity: 'audit', key: {}, idFromAttribute: true };
  if (kind === 'CUSTOMER' && sk === 'PROFILE') return { entity: 'customer', key: { id } };
  if (kind === 'VEHICLE' && sk === 'DETAILS') return { entity: 'vehicle', key: { id } };
  if (kind === 'TEMPLATE' && sk === 'DETAILS') return { entity: 'template', key: { id } };
  if (kind === 'VEHICLE' && (m = /^STAGE#[^#]+#([^#]+)$/.exec(sk)))
    return { entity: 'stage_event', key: { vehicleId: id, id: m[1] ?? '' } };
  return null;
}

/**
 * A table item (as a plain record) back as the record the outbox item carried. Returns null for
 * an item kind this version does not know (a newer Portside may add payments, messages): pull
 * skips those. An item whose attributes contradict its keys is an ItemMappingError.
 */
export function fromTableRecord(record: Record<string, PlainValue>): SyncedRecord | null {
  const { PK, SK } = record;
  if (typeof PK !== 'string' || typeof SK !== 'string') throw new ItemMappingError('PK', 'A table item needs PK and SK as text.');
  const kind = classify(PK, SK);
  if (!kind) return null;
  const { entity } = kind;
  const spec = SPECS[entity];
  const fields: Record<string, PlainValue> = { ...record };
  for (const name of STRUCTURAL) delete fields[name];
  const versionValue = fields.version;
  if (entity === 'stage_event') for (const name of STAGE_EVENT_DERIVED) delete fields[name];
  let data: Record<string, PlainValue> = fields;
  if (spec.idAttribute) {
    const { [spec.idAttribute]: id = null, ...rest } = fields;
    data = entity === 'order' ? { id, ...rest, orderId: id } : { id, ...rest };
  }
  const key: Record<string, string> = { ...kind.key };
  if (kind.idFromAttribute) key.id = keyPart(data.id, spec.idAttribute ?? 'id');
  const expected = tableKeyOf(entity, key, data);
  if (expected.PK !== PK || expected.SK !== SK) {
    throw new ItemMappingError('PK', `The item ${PK} / ${SK} holds a ${entity} whose fields belong under ${expected.PK} / ${expected.SK}.`);
  }
  assertKeyMatchesData({ entity, key, data });
  const version = spec.mutable ? versionValue : null;
  if (version !== null && (typeof version !== 'number' || !Number.isSafeInteger(version))) {
    throw new ItemMappingError('version', `The item ${PK} / ${SK} has no whole-number version.`);
  }
  return { entity, key, data, version, deleted: record.deleted === true };
}

export function fromTableItem(item: TableItem): SyncedRecord | null {
  return fromTableRecord(unmarshallItem(item));
}
