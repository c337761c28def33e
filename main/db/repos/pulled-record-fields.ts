// A pulled record's data read field by field into the typed records the repos write, refusing by name what does not fit.
import type { AuditEntry, FieldChange } from '../../../core/domain/audit';
import { AUDIT_ENTITIES, AUDIT_ORIGINS } from '../../../core/domain/audit';
import type { AuditChainLink } from '../../../core/domain/audit-chain';
import {
  COMMUNICATION_CHANNELS,
  COMMUNICATION_DIRECTIONS,
  type CommunicationEntry,
  DELIVERY_STATUSES,
} from '../../../core/domain/communication';
import { CONTACT_CHANNELS, type Customer } from '../../../core/domain/customer';
import { type MessageTemplate, TEMPLATE_CHANNELS } from '../../../core/domain/message-template';
import { type CustomerAddress, type CustomerContact, CUSTOMER_TYPES } from '../../../core/domain/customer-profile';
import { CURRENCIES } from '../../../core/domain/money';
import { type CancelSnapshot, LINK_STATUSES, ORDER_STATUSES } from '../../../core/domain/order';
import type { SyncedEntity } from '../../../core/domain/outbox';
import { type Payment, PAYMENT_KINDS, PAYMENT_METHODS } from '../../../core/domain/payment';
import type { RemoteRecord } from '../../../core/domain/sync-merge';
import { IMPORT_STAGES } from '../../../core/domain/stages';
import type { Task } from '../../../core/domain/task';
import type { StageEvent } from '../../../core/domain/vehicle';
import type { FollowerRecord } from './order-followers-repo';
import type { LinkRecord, OrderRecord } from './orders-repo';
import type { VehicleRecord } from './vehicles-repo';

/** A record as pull reads it from the table (sync's SyncedRecord, matched by shape: main cannot import sync). */
export type { RemoteRecord };

/** A pulled record's field that this version cannot store: named, with what was expected. */
export class PulledRecordError extends Error {
  override name = 'PulledRecordError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads one record's fields; each read names the field when it refuses. */
class FieldReader {
  constructor(
    private readonly entity: SyncedEntity,
    private readonly data: Record<string, unknown>,
  ) {}

  refuseAt(path: string, expected: string): never {
    throw new PulledRecordError(path, `The pulled ${this.entity}'s ${path} must be ${expected}.`);
  }

  private refuse(field: string, expected: string): never {
    throw new PulledRecordError(
      field,
      `The pulled ${this.entity}'s ${field} must be ${expected}, got ${JSON.stringify(this.data[field])}.`,
    );
  }

  text(field: string): string {
    const value = this.data[field];
    return typeof value === 'string' ? value : this.refuse(field, 'text');
  }

  optText(field: string): string | null {
    const value = this.data[field];
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? value : this.refuse(field, 'text or null');
  }

  int(field: string): number {
    const value = this.data[field];
    return typeof value === 'number' && Number.isSafeInteger(value) ? value : this.refuse(field, 'a whole number');
  }

  optInt(field: string): number | null {
    const value = this.data[field];
    if (value === null || value === undefined) return null;
    return typeof value === 'number' && Number.isSafeInteger(value) ? value : this.refuse(field, 'a whole number or null');
  }

  num(field: string): number {
    const value = this.data[field];
    return typeof value === 'number' && Number.isFinite(value) ? value : this.refuse(field, 'a number');
  }

  bool(field: string): boolean {
    const value = this.data[field];
    return typeof value === 'boolean' ? value : this.refuse(field, 'true or false');
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.data[field];
    return allowed.includes(value as T) ? (value as T) : this.refuse(field, `one of ${allowed.join(', ')}`);
  }

  optOneOf<T extends string>(field: string, allowed: readonly T[]): T | null {
    const value = this.data[field];
    if (value === null || value === undefined) return null;
    return this.oneOf(field, allowed);
  }

  object<T>(field: string): T | null {
    const value = this.data[field];
    if (value === null || value === undefined) return null;
    return typeof value === 'object' && !Array.isArray(value) ? (value as T) : this.refuse(field, 'an object or null');
  }

  /** Refuses a list whose items are not what `field` holds. */
  refuseItem(field: string, expected: string): never {
    return this.refuse(field, expected);
  }

  /** A list, or [] when the record predates the field (written by an older version). */
  optList<T>(field: string): T[] {
    const value = this.data[field];
    if (value === null || value === undefined) return [];
    return Array.isArray(value) ? (value as T[]) : this.refuse(field, 'a list');
  }

  list<T>(field: string): T[] {
    const value = this.data[field];
    return Array.isArray(value) ? (value as T[]) : this.refuse(field, 'a list');
  }
}

const read = (r: RemoteRecord): FieldReader => new FieldReader(r.entity, r.data);

export function customerOf(r: RemoteRecord): Customer {
  const f = read(r);
  return {
    id: f.text('id'),
    name: f.text('name'),
    company: f.optText('company'),
    email: f.optText('email'),
    phone: f.optText('phone'),
    address: f.optText('address'),
    preferredChannel: f.optOneOf('preferredChannel', CONTACT_CHANNELS),
    notes: f.optText('notes'),
    // Records from a version before customer types are private buyers, as migration 017 made every row.
    type: f.optOneOf('type', CUSTOMER_TYPES) ?? 'private',
    segments: f.optList<unknown>('segments').map((s, i) => (typeof s === 'string' ? s : f.refuseAt(`segments.${i}`, 'text'))),
    taxId: f.optText('taxId'),
    contacts: f.optList<CustomerContact>('contacts'),
    addresses: f.optList<CustomerAddress>('addresses'),
    mergedInto: f.optText('mergedInto'),
    version: f.int('version'),
    createdAt: f.text('createdAt'),
    createdBy: f.text('createdBy'),
    updatedAt: f.text('updatedAt'),
    updatedBy: f.text('updatedBy'),
  };
}

export function vehicleOf(r: RemoteRecord): VehicleRecord {
  const f = read(r);
  return {
    id: f.text('id'),
    vin: f.text('vin'),
    make: f.text('make'),
    model: f.text('model'),
    year: f.int('year'),
    colour: f.optText('colour'),
    originCountry: f.optText('originCountry'),
    originPort: f.optText('originPort'),
    purchasePrice: f.optInt('purchasePrice'),
    currency: f.optOneOf('currency', CURRENCIES),
    stage: f.oneOf('stage', IMPORT_STAGES),
    stageAt: f.optText('stageAt'),
    etaDelivery: f.optText('etaDelivery'),
    onHold: f.bool('onHold'),
    holdReason: f.optText('holdReason'),
    version: f.int('version'),
    createdAt: f.text('createdAt'),
    createdBy: f.text('createdBy'),
    updatedAt: f.text('updatedAt'),
    updatedBy: f.text('updatedBy'),
  };
}

/** The order row; its search text is the caller's (it follows from the lines, which may arrive later). */
export function orderOf(r: RemoteRecord): Omit<OrderRecord, 'searchText'> {
  const f = read(r);
  return {
    id: f.text('id'),
    orderNumber: f.text('orderNumber'),
    customerId: f.optText('customerId'),
    status: f.oneOf('status', ORDER_STATUSES),
    totalVehicles: f.int('totalVehicles'),
    completedVehicles: f.int('completedVehicles'),
    orderValue: f.int('orderValue'),
    currency: f.oneOf('currency', CURRENCIES),
    progress: f.num('progress'),
    orderDate: f.text('orderDate'),
    targetCompletionDate: f.optText('targetCompletionDate'),
    estimatedCompletionDate: f.optText('estimatedCompletionDate'),
    actualCompletionDate: f.optText('actualCompletionDate'),
    notes: f.optText('notes'),
    cancelReason: f.optText('cancelReason'),
    cancelSnapshot: f.object<CancelSnapshot>('cancelSnapshot'),
    // Orders pushed before assignees existed have none: their creator is.
    assigneeId: f.optText('assigneeId') ?? f.text('createdBy'),
    version: f.int('version'),
    createdAt: f.text('createdAt'),
    createdBy: f.text('createdBy'),
    updatedAt: f.text('updatedAt'),
    updatedBy: f.text('updatedBy'),
  };
}

export function linkOf(r: RemoteRecord): LinkRecord {
  const f = read(r);
  return {
    orderId: f.text('orderId'),
    vehicleId: f.text('vehicleId'),
    status: f.oneOf('status', LINK_STATUSES),
    price: f.int('price'),
    addedDate: f.text('addedDate'),
    notes: f.optText('notes'),
    removedReason: f.optText('removedReason'),
    removedDate: f.optText('removedDate'),
    version: f.int('version'),
    updatedAt: f.text('updatedAt'),
    updatedBy: f.text('updatedBy'),
  };
}

export function stageEventOf(r: RemoteRecord): StageEvent {
  const f = read(r);
  return {
    id: f.text('id'),
    vehicleId: f.text('vehicleId'),
    stage: f.oneOf('stage', IMPORT_STAGES),
    at: f.text('at'),
    note: f.optText('note'),
    recordedBy: f.text('recordedBy'),
    recordedAt: f.text('recordedAt'),
    retractedAt: f.optText('retractedAt'),
    retractedBy: f.optText('retractedBy'),
    retractReason: f.optText('retractReason'),
  };
}

export function paymentOf(r: RemoteRecord): Payment {
  const f = read(r);
  const amount = f.int('amount');
  if (amount <= 0) throw new PulledRecordError('amount', `The pulled payment's amount must be greater than zero, got ${amount}.`);
  return {
    id: f.text('id'),
    orderId: f.text('orderId'),
    kind: f.oneOf('kind', PAYMENT_KINDS),
    amount,
    currency: f.oneOf('currency', CURRENCIES),
    method: f.oneOf('method', PAYMENT_METHODS),
    reference: f.optText('reference'),
    paidAt: f.text('paidAt'),
    recordedAt: f.text('recordedAt'),
    recordedBy: f.text('recordedBy'),
  };
}

export function taskOf(r: RemoteRecord): Task {
  const f = read(r);
  return {
    id: f.text('id'),
    orderId: f.text('orderId'),
    vehicleId: f.optText('vehicleId'),
    title: f.text('title'),
    notes: f.optText('notes'),
    assigneeId: f.text('assigneeId'),
    dueDate: f.text('dueDate'),
    doneAt: f.optText('doneAt'),
    doneBy: f.optText('doneBy'),
    version: f.int('version'),
    createdAt: f.text('createdAt'),
    createdBy: f.text('createdBy'),
    updatedAt: f.text('updatedAt'),
    updatedBy: f.text('updatedBy'),
  };
}

export function followerOf(r: RemoteRecord): FollowerRecord {
  const f = read(r);
  return {
    orderId: f.text('orderId'),
    userId: f.text('userId'),
    following: f.bool('following'),
    version: f.int('version'),
    updatedAt: f.text('updatedAt'),
    updatedBy: f.text('updatedBy'),
  };
}

/** An audit entry with its place in its device's chain, as the pushing device wrote it. */
export interface ChainedAuditEntry extends AuditEntry, AuditChainLink {}

export function auditEntryOf(r: RemoteRecord): ChainedAuditEntry {
  const f = read(r);
  return {
    id: f.text('id'),
    at: f.text('at'),
    actorId: f.optText('actorId'),
    actorName: f.text('actorName'),
    entityType: f.oneOf('entityType', AUDIT_ENTITIES),
    entityId: f.text('entityId'),
    orderId: f.optText('orderId'),
    action: f.text('action'),
    changes: f.list<FieldChange>('changes'),
    reason: f.optText('reason'),
    origin: f.oneOf('origin', AUDIT_ORIGINS),
    deviceId: f.text('deviceId'),
    seq: f.int('seq'),
    prevHash: f.text('prevHash'),
    hash: f.text('hash'),
  };
}

export function templateOf(r: RemoteRecord): MessageTemplate {
  const f = read(r);
  return {
    id: f.text('id'),
    key: f.text('key'),
    name: f.text('name'),
    channel: f.oneOf('channel', TEMPLATE_CHANNELS),
    subject: f.optText('subject'),
    body: f.text('body'),
    version: f.int('version'),
    createdAt: f.text('createdAt'),
    createdBy: f.text('createdBy'),
    updatedAt: f.text('updatedAt'),
    updatedBy: f.text('updatedBy'),
  };
}

export function communicationOf(r: RemoteRecord): CommunicationEntry {
  const f = read(r);
  return {
    id: f.text('id'),
    orderId: f.text('orderId'),
    customerId: f.optText('customerId'),
    channel: f.oneOf('channel', COMMUNICATION_CHANNELS),
    direction: f.optOneOf('direction', COMMUNICATION_DIRECTIONS),
    subject: f.optText('subject'),
    body: f.text('body'),
    vehicleIds: f.list<unknown>('vehicleIds').map((v) => (typeof v === 'string' ? v : f.refuseItem('vehicleIds', 'a list of ids'))),
    templateKey: f.optText('templateKey'),
    correctsId: f.optText('correctsId'),
    toAddress: f.optText('toAddress'),
    deliveryStatus: f.oneOf('deliveryStatus', DELIVERY_STATUSES),
    messageId: f.optText('messageId'),
    attempts: f.int('attempts'),
    lastError: f.optText('lastError'),
    nextAttemptAt: f.optText('nextAttemptAt'),
    sendingDeviceId: f.optText('sendingDeviceId'),
    createdAt: f.text('createdAt'),
    createdBy: f.text('createdBy'),
    version: f.int('version'),
    updatedAt: f.text('updatedAt'),
    updatedBy: f.text('updatedBy'),
  };
}
